import { expect, type Locator, type Page } from '@playwright/test';

/** `/admin/application_settings/general`: account and limit settings (instance admins). */
export class AdminSettingsPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly maxLifetime: Locator;
  readonly tokenPrefix: Locator;
  readonly signupEnabled: Locator;
  readonly creationDefault: Locator;
  readonly botsReadInternal: Locator;
  readonly save: Locator;
  readonly status: Locator;
  readonly alert: Locator;
  readonly overLimit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'General settings' });
    this.form = page.getByRole('form', { name: 'Account and limit settings' });
    this.maxLifetime = this.form.getByRole('textbox', { name: 'Maximum allowable lifetime for access tokens (days)' });
    this.tokenPrefix = this.form.getByRole('textbox', { name: 'Personal access token prefix' });
    this.signupEnabled = this.form.getByRole('checkbox', { name: 'Sign-up enabled' });
    this.creationDefault = this.form.getByRole('checkbox', { name: 'Allow project access token creation' });
    this.botsReadInternal = this.form.getByRole('checkbox', { name: 'Project bots can read Internal projects' });
    this.save = this.form.getByRole('button', { name: 'Save changes' });
    this.status = this.form.getByRole('status');
    this.alert = this.form.getByRole('alert');
    this.overLimit = page.getByRole('region', { name: /^Tokens exceeding the maximum lifetime/ });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/application_settings/general');
    await expect(this.heading).toBeVisible();
  }

  /** Sets the maximum lifetime ('' for the default) and saves; waits for the success message. */
  async setMaxLifetime(days: string): Promise<void> {
    await this.maxLifetime.fill(days);
    await this.save.click();
    await expect(this.status).toContainText(/Application settings saved|No settings were changed/);
  }

  async setSignupEnabled(enabled: boolean): Promise<void> {
    await this.signupEnabled.setChecked(enabled);
    await this.save.click();
    await expect(this.status).toContainText(/Application settings saved|No settings were changed/);
  }

  overLimitRow(tokenName: string): Locator {
    return this.overLimit.getByRole('row').filter({ has: this.page.getByRole('cell', { name: tokenName, exact: true }) });
  }

  /** Revokes every listed token through the confirmation dialog. */
  async revokeAllOverLimit(): Promise<void> {
    await this.overLimit.getByRole('button', { name: /^Revoke \d+ tokens?$/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /that exceed the maximum lifetime\?$/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(this.overLimit.getByRole('status')).toContainText(/Revoked \d+ tokens?\./);
  }
}
