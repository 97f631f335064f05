import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** What any unknown or forbidden URL shows: HTTP 404 and the "Page not found" heading. */
export class NotFoundPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Page not found', exact: true });
  }

  /** Visits `path` and asserts the 404 status and page. */
  async expectAt(path: string): Promise<void> {
    const response: Response | null = await this.page.goto(path);
    expect(response?.status(), `status of ${path}`).toBe(404);
    await expect(this.heading).toBeVisible();
  }
}
