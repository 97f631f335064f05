import { expect, type Locator, type Page } from '@playwright/test';

export const PERSONAL_ACCESS_TOKENS_PATH = '/-/user_settings/personal_access_tokens';

export interface NewPersonalTokenOptions {
  name: string;
  description?: string;
  scopes: string[];
  expiresAt?: string;
}

/** `/-/user_settings/personal_access_tokens`: User Settings > Access Tokens. */
export class PersonalAccessTokensPage {
  readonly heading: Locator;
  /** The header's link to this page. */
  readonly menuLink: Locator;
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

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Personal access tokens' });
    this.menuLink = page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Access tokens', exact: true });
    this.name = page.getByRole('textbox', { name: 'Token name' });
    this.description = page.getByRole('textbox', { name: 'Token description' });
    this.expiresAt = page.getByLabel('Expiration date');
    this.role = page.getByLabel('Select a role');
    this.submit = page.getByRole('button', { name: 'Create personal access token' });
    this.newTokenHeading = page.getByRole('heading', { name: 'Your new personal access token' });
    this.newTokenValue = page.getByLabel('Your new personal access token', { exact: true });
    this.activeTable = page.getByRole('region', { name: /^Active personal access tokens/ }).getByRole('table');
    this.inactiveTable = page.getByRole('region', { name: /^Inactive personal access tokens/ }).getByRole('table');
    this.alert = page.getByRole('main').getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto(PERSONAL_ACCESS_TOKENS_PATH);
    await expect(this.heading).toBeVisible();
  }

  scope(scope: string): Locator {
    return this.page.getByRole('checkbox', { name: scope, exact: true });
  }

  /** Creates a token and returns its secret as shown (once) on the page. */
  async create(options: NewPersonalTokenOptions): Promise<string> {
    await this.name.fill(options.name);
    if (options.description !== undefined) await this.description.fill(options.description);
    if (options.expiresAt !== undefined) await this.expiresAt.fill(options.expiresAt);
    for (const scope of options.scopes) await this.scope(scope).check();
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
    const dialog = this.page.getByRole('dialog', { name: `${action} personal access token ${tokenName}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: action, exact: true }).click();
  }
}
