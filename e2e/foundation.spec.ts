import { expect, test, uniqueSuffix } from './fixtures';
import { GroupPage } from './pages/group-page';
import { NewGroupPage } from './pages/new-group-page';
import { NewProjectPage } from './pages/new-project-page';
import { NotFoundPage } from './pages/not-found-page';
import { ProjectPage } from './pages/project-page';
import { SignInPage } from './pages/sign-in-page';
import { DashboardPage } from './pages/dashboard-page';

test.describe('foundation', () => {
  test('root creates a group, a subgroup and a private project that an outsider cannot see', async ({
    page,
    rootCredentials,
    signInAs,
    registerUser,
    newSessionPage,
  }) => {
    const suffix = uniqueSuffix();
    const group = { name: `Group ${suffix}`, path: `group-${suffix}` };
    const subgroup = { name: `Subgroup ${suffix}`, path: `sub-${suffix}` };
    const project = { name: `Project ${suffix}`, slug: `project-${suffix}` };
    const subgroupFullPath = `${group.path}/${subgroup.path}`;
    const projectFullPath = `${subgroupFullPath}/${project.slug}`;

    const dashboard = await signInAs(rootCredentials);

    await dashboard.newGroupLink.click();
    const groupPage = await new NewGroupPage(page).create({ ...group, visibility: 'Private' });
    await expect(page).toHaveURL(`/${group.path}`);

    await groupPage.newSubgroupLink.click();
    const newSubgroup = new NewGroupPage(page);
    await expect(newSubgroup.parent).toHaveValue(/\d+/);
    const subgroupPage = await newSubgroup.create({ ...subgroup, parentFullPath: group.path, visibility: 'Private' });
    await expect(page).toHaveURL(`/${subgroupFullPath}`);

    await subgroupPage.newProjectLink.click();
    const projectPage = await new NewProjectPage(page).create({
      ...project,
      namespaceFullPath: subgroupFullPath,
      visibility: 'Private',
      description: 'Made by the foundation journey',
    });
    await expect(page).toHaveURL(`/${projectFullPath}`);
    await expect(projectPage.heading(project.name)).toBeVisible();
    for (const link of ['Project overview', 'Members', 'Settings', 'Access Tokens'] as const) {
      await expect(projectPage.navLink(link)).toBeVisible();
    }

    // The hierarchy is listed on the way down.
    const groupAgain = new GroupPage(page);
    await groupAgain.goto(group.path, group.name);
    await expect(groupAgain.childLink(subgroup.name)).toBeVisible();
    await groupAgain.goto(subgroupFullPath, subgroup.name);
    await expect(groupAgain.childLink(project.name)).toBeVisible();

    // Someone who signed up but is not a member sees nothing, not even that the project exists.
    const outsiderPage = await newSessionPage();
    await registerUser(outsiderPage);
    await new NotFoundPage(outsiderPage).expectAt(`/${projectFullPath}`);
    await new NotFoundPage(outsiderPage).expectAt(`/${subgroupFullPath}`);
  });

  test('a wrong password is refused with an error', async ({ signInPage, rootCredentials, page }) => {
    await signInPage.goto();
    await signInPage.submitCredentials({ username: rootCredentials.username, password: `${rootCredentials.password}-wrong` });
    await expect(signInPage.alert).toContainText('Invalid login or password.');
    await expect(page).toHaveURL(/\/users\/sign_in/);
    await expect(signInPage.password).toBeVisible();
  });

  test('an anonymous visitor gets 404 for a private project', async ({ page, rootCredentials, signInAs, newSessionPage }) => {
    const suffix = uniqueSuffix();
    const name = `Secret ${suffix}`;
    const dashboard = await signInAs(rootCredentials);
    await dashboard.newProjectLink.click();
    await new NewProjectPage(page).create({ name, slug: `secret-${suffix}`, visibility: 'Private' });
    const projectPath = new URL(page.url()).pathname;
    expect(projectPath).toMatch(new RegExp(`/secret-${suffix}$`));

    const anonymous = await newSessionPage();
    await new NotFoundPage(anonymous).expectAt(projectPath);
    await expect(new ProjectPage(anonymous).heading(name)).toHaveCount(0);
  });

  test('a new user registers, signs out and signs back in', async ({ page, registerUser }) => {
    const user = await registerUser(page);
    const dashboard = new DashboardPage(page);
    await expect(page.getByText(user.username, { exact: true })).toBeVisible();
    await dashboard.signOut();

    const signIn = new SignInPage(page);
    await signIn.signIn({ username: user.email, password: user.password });
    await dashboard.expectLoaded();
  });
});
