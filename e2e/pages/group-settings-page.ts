import { expect, type Locator, type Page } from '@playwright/test';

export const TOKEN_CREATION_LABEL = 'Users can create project access tokens and group access tokens in this group';

/** `/groups/<full path>/-/edit`: Group > Settings > General (Owners). */
export class GroupSettingsPage {
  readonly heading: Locator;
  readonly permissions: Locator;
  readonly tokenCreation: Locator;
  readonly savePermissions: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'General settings' });
    this.permissions = page.getByRole('region', { name: 'Permissions and group features' });
    this.tokenCreation = this.permissions.getByRole('checkbox', { name: TOKEN_CREATION_LABEL });
    this.savePermissions = this.permissions.getByRole('button', { name: 'Save permissions' });
    this.status = this.permissions.getByRole('status');
  }

  async goto(groupFullPath: string): Promise<void> {
    await this.page.goto(`/groups/${groupFullPath}/-/edit`);
    await expect(this.heading).toBeVisible();
  }

  /** Ticks or unticks the switch and saves it. */
  async setTokenCreation(allowed: boolean): Promise<void> {
    await this.tokenCreation.setChecked(allowed);
    await this.savePermissions.click();
    await expect(this.status).toContainText(allowed ? 'allowed' : 'disabled');
  }
}
