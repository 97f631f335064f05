import { expect, test, uniqueSuffix } from './fixtures';
import { AccessTokensPage } from './pages/access-tokens-page';
import { AdminUsersPage } from './pages/admin-users-page';
import { NewProjectPage } from './pages/new-project-page';
import { SignInPage } from './pages/sign-in-page';

test.describe('admin area: users', () => {
  test('root blocks a user (session ends, sign-in refused) and unblocks them', async ({
    page,
    rootCredentials,
    signInAs,
    registerUser,
    newSessionPage,
  }) => {
    const userPage = await newSessionPage();
    const user = await registerUser(userPage);

    await signInAs(rootCredentials);
    const users = new AdminUsersPage(page);
    await users.goto();
    await users.searchFor(user.username);
    const row = users.row(user.username);
    await expect(row).toContainText('Human');
    await expect(row).toContainText('Active');
    await users.setBlocked(user.username, true);
    await expect(row).toContainText('Blocked');

    // Their open session ends at the next request, and they cannot sign in again.
    await userPage.goto('/');
    await expect(userPage).toHaveURL(/\/users\/sign_in/);
    const signIn = new SignInPage(userPage);
    await signIn.submitCredentials(user);
    await expect(signIn.alert).toContainText('Invalid login or password.');

    await users.setBlocked(user.username, false);
    await expect(row).toContainText('Active');
    // Unblocked, they can sign in again.
    await signInAs(user, await newSessionPage());
  });

  test('bot users are listed as bots and cannot be edited; the dashboard counts only billable users', async ({
    page,
    rootCredentials,
    signInAs,
  }) => {
    const suffix = uniqueSuffix();
    await signInAs(rootCredentials);
    await new NewProjectPage(page).goto();
    await new NewProjectPage(page).create({ name: `Bots ${suffix}` });
    const projectFullPath = new URL(page.url()).pathname.slice(1);
    const tokens = new AccessTokensPage(page);
    await tokens.goto(projectFullPath);
    await tokens.create({ name: `ci-${suffix}`, role: 'Reporter', scopes: ['read_api'] });

    const users = new AdminUsersPage(page);
    await users.goto();
    await users.searchFor(`ci-${suffix}`, 'Bot');
    const rows = users.table.getByRole('row').filter({ hasText: `ci-${suffix}` });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Bot');
    await expect(rows).toContainText('Cannot be edited');
    await expect(rows.getByRole('button')).toHaveCount(0);

    await users.searchFor('root');
    await expect(users.row('root')).toContainText('Admin');
    await expect(users.row('root')).toContainText('This is you');

    await page.goto('/admin');
    await expect(page.getByText('Billable users', { exact: true })).toBeVisible();
    await expect(page.getByText('Bot users (not billable)', { exact: true })).toBeVisible();
  });
});
