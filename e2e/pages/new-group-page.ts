import { expect, type Locator, type Page } from '@playwright/test';
import { GroupPage } from './group-page';

export type Visibility = 'Private' | 'Internal' | 'Public';

export interface NewGroupOptions {
  name: string;
  /** The group URL segment; the form derives one from the name when omitted. */
  path?: string;
  /** Full path of the parent group; omitted for a top-level group. */
  parentFullPath?: string;
  visibility?: Visibility;
}

/** `/groups/new`, optionally with `?parent_id=`. */
export class NewGroupPage {
  readonly name: Locator;
  readonly path: Locator;
  readonly parent: Locator;
  readonly visibility: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByRole('textbox', { name: 'Group name' });
    this.path = page.getByRole('textbox', { name: 'Group URL' });
    this.parent = page.getByLabel('Parent group');
    this.visibility = page.getByRole('group', { name: 'Visibility level' });
    this.submit = page.getByRole('button', { name: 'Create group', exact: true });
    // Scoped to main: Next.js's route announcer is an (empty) alert too.
    this.alert = page.getByRole('main').getByRole('alert');
  }

  async goto(parentId?: number): Promise<void> {
    await this.page.goto(parentId === undefined ? '/groups/new' : `/groups/new?parent_id=${parentId}`);
    await expect(this.submit).toBeVisible();
  }

  /** Fills and submits the form; does not wait for the outcome. */
  async fill(options: NewGroupOptions): Promise<void> {
    await this.name.fill(options.name);
    if (options.path !== undefined) await this.path.fill(options.path);
    if (options.parentFullPath !== undefined) await this.parent.selectOption({ label: options.parentFullPath });
    await this.visibility.getByRole('radio', { name: options.visibility ?? 'Private', exact: true }).check();
  }

  /** Creates the group and waits for its page. */
  async create(options: NewGroupOptions): Promise<GroupPage> {
    await this.fill(options);
    await this.submit.click();
    const group = new GroupPage(this.page);
    await expect(group.heading(options.name)).toBeVisible();
    return group;
  }
}
