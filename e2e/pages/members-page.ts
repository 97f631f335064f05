import { expect, type Locator, type Page } from '@playwright/test';

/** `/<project>/-/project_members` and `/groups/<group>/-/group_members`. */
export class MembersPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly inviteForm: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^(Project|Group) members$/ });
    this.table = page.getByRole('table');
    this.inviteForm = page.getByRole('form', { name: 'Invite members' });
  }

  async goto(projectFullPath: string): Promise<void> {
    await this.page.goto(`/${projectFullPath}/-/project_members`);
    await expect(this.heading).toBeVisible();
  }

  async gotoGroup(groupFullPath: string): Promise<void> {
    await this.page.goto(`/groups/${groupFullPath}/-/group_members`);
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
    await this.inviteForm.getByRole('textbox', { name: 'Username' }).fill(username);
    await this.inviteForm.getByLabel('Select a role').selectOption({ label: role });
    await this.inviteForm.getByRole('button', { name: 'Invite' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `${username} was added` })).toBeVisible();
  }

  async changeRole(name: string, role: string): Promise<void> {
    await this.page.getByLabel(`Role of ${name}`, { exact: true }).selectOption({ label: role });
    await this.page.getByRole('button', { name: `Save role of ${name}` }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Role updated.' })).toBeVisible();
  }

  async remove(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Remove ${name}?` });
    await dialog.getByRole('button', { name: 'Remove member' }).click();
  }

  /** The controls a manager has on a row: role select, save and remove. */
  controls(row: Locator): Locator {
    return row.getByRole('button').or(row.getByRole('combobox'));
  }
}
