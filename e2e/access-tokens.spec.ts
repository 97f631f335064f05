import { expect, test, uniqueSuffix } from './fixtures';
import { AccessTokensPage } from './pages/access-tokens-page';
import { MembersPage } from './pages/members-page';
import { NewProjectPage } from './pages/new-project-page';
import { NotFoundPage } from './pages/not-found-page';

/** The date `days` from today in UTC, as the date input wants it. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe('project access tokens', () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  });

  test('a maintainer creates a token, sees it once, copies it, rotates it and revokes it', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    const projectName = `Tokens ${uniqueSuffix()}`;
    await new NewProjectPage(page).goto();
    await new NewProjectPage(page).create({ name: projectName });
    const projectFullPath = new URL(page.url()).pathname.slice(1);

    const tokens = new AccessTokensPage(page);
    await tokens.goto(projectFullPath);
    await expect(tokens.expiresAt).toHaveValue(daysFromToday(30));
    await expect(tokens.role).toHaveValue('10');
    await expect(page.getByText('This project has no active access tokens.')).toBeVisible();

    const expiresAt = daysFromToday(20);
    const secret = await tokens.create({ name: 'deploy-bot', role: 'Developer', scopes: ['read_repository', 'read_api'], expiresAt });
    expect(secret).toMatch(/^glpat-[A-Za-z0-9_-]{30,}$/);
    await expect(page.getByText("Make sure you save it - you won't be able to access it again.")).toBeVisible();

    // Hidden until asked for; copy puts exactly the token on the clipboard.
    await expect(tokens.newTokenValue).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Show token' }).click();
    await expect(tokens.newTokenValue).toHaveAttribute('type', 'text');
    await page.getByRole('button', { name: 'Copy token' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied to clipboard.' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const row = tokens.activeRow('deploy-bot');
    await expect(row).toContainText('Developer');
    await expect(row).toContainText('read_repository');
    await expect(row).toContainText('read_api');
    await expect(row).toContainText(expiresAt);
    await expect(row).toContainText('Never');

    // A reload never shows the token again.
    await page.reload();
    await expect(tokens.heading).toBeVisible();
    await expect(tokens.newTokenHeading).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // The token's bot user is a member of the project, with the token's role and a Bot badge.
    const members = new MembersPage(page);
    await members.goto(projectFullPath);
    await expect(members.botRows()).toHaveCount(1);
    await expect(members.botRows().first()).toContainText('deploy-bot');
    await expect(members.botRows().first()).toContainText('Developer');

    // Rotation shows a new token once and keeps one active row.
    await tokens.goto(projectFullPath);
    await tokens.confirm('Rotate', 'deploy-bot');
    await expect(tokens.newTokenHeading).toBeVisible();
    const rotated = await tokens.newTokenValue.inputValue();
    expect(rotated).toMatch(/^glpat-/);
    expect(rotated).not.toBe(secret);
    await expect(tokens.activeRow('deploy-bot')).toHaveCount(1);
    await expect(tokens.inactiveRow('deploy-bot')).toHaveCount(1);

    // Revocation moves it to the inactive list and removes the bot from the members.
    await tokens.confirm('Revoke', 'deploy-bot');
    await expect(page.getByText('This project has no active access tokens.')).toBeVisible();
    await expect(tokens.inactiveRow('deploy-bot')).toHaveCount(2);
    await expect(tokens.inactiveRow('deploy-bot').first()).toContainText('Revoked');
    await members.goto(projectFullPath);
    await expect(members.botRows()).toHaveCount(0);
  });

  test('bad input is refused at the field and nothing is created', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    await new NewProjectPage(page).goto();
    await new NewProjectPage(page).create({ name: `Bad input ${uniqueSuffix()}` });
    const projectFullPath = new URL(page.url()).pathname.slice(1);
    const tokens = new AccessTokensPage(page);
    await tokens.goto(projectFullPath);

    await tokens.fill({ name: 'no-scopes', role: 'Guest', scopes: [] });
    await tokens.submit.click();
    await expect(tokens.alert).toContainText(/scope/i);
    // What was typed survives the refusal.
    await expect(tokens.name).toHaveValue('no-scopes');

    await tokens.expiresAt.fill(daysFromToday(0));
    await tokens.scope('api').check();
    await tokens.submit.click();
    await expect(tokens.alert).toContainText(/Expir/i);

    await tokens.expiresAt.fill(daysFromToday(400));
    await tokens.submit.click();
    await expect(tokens.alert).toContainText(/Expires at must be before/);

    await page.reload();
    await expect(page.getByText('This project has no active access tokens.')).toBeVisible();
  });

  test('a Developer of the project gets 404 on the Access Tokens page', async ({
    page,
    rootCredentials,
    signInAs,
    registerUser,
    newSessionPage,
  }) => {
    const developerPage = await newSessionPage();
    const developer = await registerUser(developerPage);

    await signInAs(rootCredentials);
    const projectName = `Developers ${uniqueSuffix()}`;
    await new NewProjectPage(page).goto();
    await new NewProjectPage(page).create({ name: projectName });
    const projectFullPath = new URL(page.url()).pathname.slice(1);
    const members = new MembersPage(page);
    await members.goto(projectFullPath);
    await members.invite(developer.username, 'Developer');
    await expect(members.row(developer.username)).toContainText('Developer');

    await developerPage.goto(`/${projectFullPath}`);
    await expect(developerPage.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
    await expect(
      developerPage.getByRole('navigation', { name: 'Project navigation' }).getByRole('link', { name: 'Access Tokens' }),
    ).toHaveCount(0);
    await new NotFoundPage(developerPage).expectAt(`/${projectFullPath}/-/settings/access_tokens`);
  });
});
