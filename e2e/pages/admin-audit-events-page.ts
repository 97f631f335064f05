import { expect, type Locator, type Page } from '@playwright/test';

/** `/admin/audit_events` (instance admins). */
export class AdminAuditEventsPage {
  readonly heading: Locator;
  readonly actor: Locator;
  readonly action: Locator;
  readonly project: Locator;
  readonly submit: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit events' });
    const filters = page.getByRole('search', { name: 'Audit events' });
    this.actor = filters.getByRole('textbox', { name: 'Actor (username)' });
    this.action = filters.getByLabel('Action');
    this.project = filters.getByRole('textbox', { name: 'Project (full path)' });
    this.submit = filters.getByRole('button', { name: 'Filter' });
    this.table = page.getByRole('main').getByRole('table');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/audit_events');
    await expect(this.heading).toBeVisible();
  }

  async filter(options: { actor?: string; action?: string; project?: string }): Promise<void> {
    await this.actor.fill(options.actor ?? '');
    await this.action.selectOption(options.action ?? '');
    await this.project.fill(options.project ?? '');
    await this.submit.click();
    await expect(this.page).toHaveURL(/\/admin\/audit_events\?/);
  }

  /** Body rows of the events table. */
  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}
