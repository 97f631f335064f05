import { expect, type Locator, type Page } from '@playwright/test';

export interface NewTokenOptions {
  name: string;
  description?: string;
  role: 'Guest' | 'Reporter' | 'Developer' | 'Maintainer' | 'Owner';
  scopes: string[];
  expiresAt?: string;
}

/** `/<project>/-/settings/access_tokens`. */
export class AccessTokensPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly expiresAt: Locator;
  readonly role: Locator;
  readonly submit: Locator;
  readonly newTokenValue: Locator;
  readonly newTokenHeading: Locator;
  readonly activeTable: Locator;
  readonly inactiveTable: Locator;
  readonly alert: Locator;
  /** What replaces the form when the top-level group switched token creation off. */
  readonly creationDisabledMessage: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Project access tokens' });
    this.name = page.getByRole('textbox', { name: 'Token name' });
    this.description = page.getByRole('textbox', { name: 'Token description' });
    this.expiresAt = page.getByLabel('Expiration date');
    this.role = page.getByLabel('Select a role');
    this.submit = page.getByRole('button', { name: 'Create project access token' });
    this.newTokenHeading = page.getByRole('heading', { name: 'Your new project access token' });
    this.newTokenValue = page.getByLabel('Your new project access token', { exact: true });
    this.activeTable = page.getByRole('region', { name: /^Active project access tokens/ }).getByRole('table');
    this.inactiveTable = page.getByRole('region', { name: /^Inactive project access tokens/ }).getByRole('table');
    this.alert = page.getByRole('main').getByRole('alert');
    this.creationDisabledMessage = page
      .getByRole('main')
      .getByText('Project access token creation is disabled in this group. You can still use and manage existing tokens.', { exact: true });
  }

  async goto(projectFullPath: string): Promise<void> {
    await this.page.goto(`/${projectFullPath}/-/settings/access_tokens`);
    await expect(this.heading).toBeVisible();
  }

  scope(scope: string): Locator {
    return this.page.getByRole('checkbox', { name: scope, exact: true });
  }

  async fill(options: NewTokenOptions): Promise<void> {
    await this.name.fill(options.name);
    if (options.description !== undefined) await this.description.fill(options.description);
    if (options.expiresAt !== undefined) await this.expiresAt.fill(options.expiresAt);
    await this.role.selectOption({ label: options.role });
    for (const scope of options.scopes) await this.scope(scope).check();
  }

  /** Creates a token and returns its secret as shown (once) on the page. */
  async create(options: NewTokenOptions): Promise<string> {
    await this.fill(options);
    await this.submit.click();
    await expect(this.newTokenHeading).toBeVisible();
    return this.newTokenValue.inputValue();
  }

  activeRow(name: string): Locator {
    return this.activeTable.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  inactiveRow(name: string): Locator {
    return this.inactiveTable.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** Opens the confirmation for `action` on a token and confirms it. */
  async confirm(action: 'Rotate' | 'Revoke', tokenName: string): Promise<void> {
    await this.page.getByRole('button', { name: `${action} ${tokenName}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `${action} project access token ${tokenName}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: action, exact: true }).click();
  }
}
