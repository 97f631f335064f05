import { expect, test, uniqueSuffix } from './fixtures';
import { AccessTokensPage } from './pages/access-tokens-page';
import { GroupPage } from './pages/group-page';
import { GroupSettingsPage } from './pages/group-settings-page';
import { MembersPage } from './pages/members-page';
import { NewGroupPage } from './pages/new-group-page';
import { NewProjectPage } from './pages/new-project-page';
import { NotFoundPage } from './pages/not-found-page';

test.describe('the top-level group switch for token creation', () => {
  test('an Owner switches it off: a Maintainer of a subgroup project sees why and can still revoke', async ({
    page,
    registerUser,
    newSessionPage,
  }) => {
    const suffix = uniqueSuffix();
    const group = { name: `Switch ${suffix}`, path: `switch-${suffix}` };
    const subgroup = { name: `Team ${suffix}`, path: `team-${suffix}` };
    const project = { name: `Service ${suffix}`, slug: `service-${suffix}` };
    const subgroupFullPath = `${group.path}/${subgroup.path}`;
    const projectFullPath = `${subgroupFullPath}/${project.slug}`;

    // The Owner builds the tree: group → subgroup → project, and invites a Maintainer to the project.
    await registerUser(page);
    const maintainerPage = await newSessionPage();
    const maintainer = await registerUser(maintainerPage);
    await new NewGroupPage(page).goto();
    const groupPage = await new NewGroupPage(page).create(group);
    await groupPage.newSubgroupLink.click();
    await new NewGroupPage(page).create({ ...subgroup, parentFullPath: group.path });
    await new GroupPage(page).newProjectLink.click();
    await new NewProjectPage(page).create({ ...project, namespaceFullPath: subgroupFullPath });
    const members = new MembersPage(page);
    await members.goto(projectFullPath);
    await members.invite(maintainer.username, 'Maintainer');

    // While creation is allowed the Maintainer makes a token.
    const tokens = new AccessTokensPage(maintainerPage);
    await tokens.goto(projectFullPath);
    await tokens.create({ name: 'deploy', role: 'Developer', scopes: ['read_api'] });
    await expect(tokens.activeRow('deploy')).toHaveCount(1);

    // Only the top-level group has the switch; it is on by default.
    const settings = new GroupSettingsPage(page);
    await settings.goto(group.path);
    await expect(settings.tokenCreation).toBeChecked();
    await settings.setTokenCreation(false);
    await page.reload();
    await expect(settings.tokenCreation).not.toBeChecked();

    // The subgroup shows the value read-only and links to where it is set.
    await settings.goto(subgroupFullPath);
    await expect(settings.tokenCreation).toBeDisabled();
    await expect(settings.tokenCreation).not.toBeChecked();
    await expect(settings.savePermissions).toHaveCount(0);
    await settings.permissions.getByRole('link', { name: group.name }).click();
    await expect(page).toHaveURL(`/groups/${group.path}/-/edit`);

    // The Maintainer is told why there is no form; nothing can be rotated, but revoking still works.
    await tokens.goto(projectFullPath);
    await expect(tokens.creationDisabledMessage).toBeVisible();
    await expect(tokens.submit).toHaveCount(0);
    await expect(maintainerPage.getByRole('button', { name: 'Rotate deploy' })).toHaveCount(0);
    await tokens.confirm('Revoke', 'deploy');
    await expect(maintainerPage.getByText('This project has no active access tokens.')).toBeVisible();
    await expect(tokens.inactiveRow('deploy')).toContainText('Revoked');

    // The Maintainer cannot reach the group's settings at all.
    await new NotFoundPage(maintainerPage).expectAt(`/groups/${group.path}/-/edit`);

    // Switched back on, the form returns.
    await settings.goto(group.path);
    await settings.setTokenCreation(true);
    await tokens.goto(projectFullPath);
    await expect(tokens.creationDisabledMessage).toHaveCount(0);
    await expect(tokens.submit).toBeVisible();
  });
});
