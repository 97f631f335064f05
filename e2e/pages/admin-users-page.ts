import { expect, type Locator, type Page } from '@playwright/test';

/** `/admin/users` (instance admins). */
export class AdminUsersPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly userType: Locator;
  readonly submit: Locator;
  readonly table: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Users' });
    this.search = page.getByRole('searchbox', { name: 'Search users' });
    this.userType = page.getByLabel('User type');
    this.submit = page.getByRole('search', { name: 'Users' }).getByRole('button', { name: 'Search' });
    this.table = page.getByRole('main').getByRole('table');
    this.status = page.getByRole('main').getByRole('status');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/users');
    await expect(this.heading).toBeVisible();
  }

  async searchFor(text: string, type: 'All types' | 'Human' | 'Bot' | 'Ghost' = 'All types'): Promise<void> {
    await this.search.fill(text);
    await this.userType.selectOption({ label: type });
    await this.submit.click();
    await expect(this.page).toHaveURL(/\/admin\/users\?/);
  }

  row(username: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: `@${username}`, exact: true }) });
  }

  /** Blocks or unblocks through the confirmation dialog and waits for the outcome. */
  async setBlocked(username: string, blocked: boolean): Promise<void> {
    const verb = blocked ? 'Block' : 'Unblock';
    await this.page.getByRole('button', { name: `${verb} ${username}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `${verb} user ${username}?` });
    await dialog.getByRole('button', { name: verb, exact: true }).click();
    await expect(this.status).toContainText(`${username} was ${blocked ? 'blocked' : 'unblocked'}.`);
  }
}
