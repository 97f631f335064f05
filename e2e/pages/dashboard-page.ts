import { expect, type Locator, type Page } from '@playwright/test';

/** `/`, the signed-in user's dashboard, with the header every signed-in page shares. */
export class DashboardPage {
  readonly projectsHeading: Locator;
  readonly groupsHeading: Locator;
  readonly newProjectLink: Locator;
  readonly newGroupLink: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.projectsHeading = page.getByRole('heading', { name: 'Projects', exact: true });
    this.groupsHeading = page.getByRole('heading', { name: 'Groups', exact: true });
    this.newProjectLink = page.getByRole('link', { name: 'New project', exact: true });
    this.newGroupLink = page.getByRole('link', { name: 'New group', exact: true });
    this.signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.projectsHeading).toBeVisible();
    await expect(this.groupsHeading).toBeVisible();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/users\/sign_in/);
  }
}
