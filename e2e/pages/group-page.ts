import { expect, type Locator, type Page } from '@playwright/test';

/** `/<group full path>`. */
export class GroupPage {
  readonly newSubgroupLink: Locator;
  readonly newProjectLink: Locator;

  constructor(readonly page: Page) {
    this.newSubgroupLink = page.getByRole('link', { name: 'New subgroup', exact: true });
    this.newProjectLink = page.getByRole('link', { name: 'New project', exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The link to a subgroup or project listed on the page. */
  childLink(name: string): Locator {
    return this.page.getByRole('main').getByRole('listitem').getByRole('link', { name, exact: true });
  }

  async goto(fullPath: string, name: string): Promise<void> {
    await this.page.goto(`/${fullPath}`);
    await expect(this.heading(name)).toBeVisible();
  }
}
