import { expect, type Locator, type Page } from '@playwright/test';

/** `/<project>/-/project_members`. */
export class MembersPage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Project members' });
    this.table = page.getByRole('table');
  }

  async goto(projectFullPath: string): Promise<void> {
    await this.page.goto(`/${projectFullPath}/-/project_members`);
    await expect(this.heading).toBeVisible();
  }

  row(username: string): Locator {
    return this.table.getByRole('row').filter({ hasText: `@${username}` });
  }

  /** Rows of bot users, recognised by their Bot badge. */
  botRows(): Locator {
    return this.table.getByRole('row').filter({ hasText: /\bBot\b/ });
  }

  async invite(username: string, role: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Username' }).fill(username);
    await this.page.getByLabel('Select a role').selectOption({ label: role });
    await this.page.getByRole('button', { name: 'Invite' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `${username} was added` })).toBeVisible();
  }
}
