import { expect, test, uniqueSuffix } from './fixtures';
import { AccessTokensPage } from './pages/access-tokens-page';
import { MembersPage } from './pages/members-page';
import { NewGroupPage } from './pages/new-group-page';
import { NewProjectPage } from './pages/new-project-page';

test.describe('members', () => {
  test('a maintainer manages members; bots and inherited members have no controls; a Guest only reads', async ({
    page,
    rootCredentials,
    signInAs,
    registerUser,
    newSessionPage,
  }) => {
    const maintainerPage = await newSessionPage();
    const maintainer = await registerUser(maintainerPage);
    const guestPage = await newSessionPage();
    const guest = await registerUser(guestPage);
    const personPage = await newSessionPage();
    const person = await registerUser(personPage);

    // Root owns a group with a project; membership of the group is inherited by the project.
    await signInAs(rootCredentials);
    const suffix = uniqueSuffix();
    await new NewGroupPage(page).goto();
    await new NewGroupPage(page).create({ name: `Team ${suffix}`, path: `team-${suffix}`, visibility: 'Private' });
    await page.getByRole('link', { name: 'New project' }).click();
    await new NewProjectPage(page).create({ name: 'Service', slug: 'service' });
    const projectFullPath = `team-${suffix}/service`;
    const rootMembers = new MembersPage(page);
    await rootMembers.goto(projectFullPath);
    await rootMembers.invite(maintainer.username, 'Maintainer');
    await rootMembers.invite(guest.username, 'Guest');

    // The maintainer adds a person as Developer, changes them to Reporter, removes them.
    const members = new MembersPage(maintainerPage);
    await members.goto(projectFullPath);
    await members.invite(person.username, 'Developer');
    await expect(members.row(person.username)).toContainText('Direct member');
    await expect(members.row(person.username).getByLabel(`Role of ${person.name}`, { exact: true })).toHaveValue('30');
    await members.changeRole(person.name, 'Reporter');
    await maintainerPage.reload();
    await expect(members.row(person.username).getByLabel(`Role of ${person.name}`, { exact: true })).toHaveValue('20');
    await members.remove(person.name);
    await expect(members.row(person.username)).toHaveCount(0);

    // Root comes from the group: shown as inherited, linked to the group, no controls here.
    const rootRow = members.row('root');
    await expect(rootRow).toContainText(`Inherited from team-${suffix}`);
    await expect(rootRow.getByRole('link', { name: `team-${suffix}` })).toHaveAttribute('href', `/groups/team-${suffix}/-/group_members`);
    await expect(members.controls(rootRow)).toHaveCount(0);

    // A fresh token's bot is listed with the Bot badge and has no controls.
    const tokens = new AccessTokensPage(maintainerPage);
    await tokens.goto(projectFullPath);
    await tokens.create({ name: 'release-bot', role: 'Reporter', scopes: ['read_api'] });
    await members.goto(projectFullPath);
    const botRow = members.botRows();
    await expect(botRow).toHaveCount(1);
    await expect(botRow).toContainText('release-bot');
    await expect(botRow).toContainText('Reporter');
    await expect(members.controls(botRow)).toHaveCount(0);

    // A Guest sees the list, but no invite form and no controls on any row.
    const guestMembers = new MembersPage(guestPage);
    await guestMembers.goto(projectFullPath);
    await expect(guestMembers.row(maintainer.username)).toContainText('Maintainer');
    await expect(guestMembers.inviteForm).toHaveCount(0);
    await expect(guestMembers.table.getByRole('button')).toHaveCount(0);
    await expect(guestMembers.table.getByRole('combobox')).toHaveCount(0);
  });

  test('a member can be found by search and the group members page lists the group', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    const suffix = uniqueSuffix();
    await new NewGroupPage(page).goto();
    await new NewGroupPage(page).create({ name: `Search ${suffix}`, path: `search-${suffix}`, visibility: 'Private' });
    const members = new MembersPage(page);
    await members.gotoGroup(`search-${suffix}`);
    await expect(members.row('root')).toContainText('Owner');
    await page.getByRole('searchbox', { name: 'Search members' }).fill('no-such-person');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('status').filter({ hasText: '0 members' })).toBeVisible();
    await expect(members.row('root')).toHaveCount(0);
  });
});
