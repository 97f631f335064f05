import { expect, type Locator, type Page } from '@playwright/test';

/** `/<project full path>` and the sidebar every project page shares. */
export class ProjectPage {
  readonly navigation: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Project navigation' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  navLink(name: 'Project overview' | 'Members' | 'Settings' | 'Access Tokens'): Locator {
    return this.navigation.getByRole('link', { name, exact: true });
  }

  async goto(fullPath: string, name: string): Promise<void> {
    await this.page.goto(`/${fullPath}`);
    await expect(this.heading(name)).toBeVisible();
  }
}
