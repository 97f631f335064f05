import { expect, test } from './fixtures';
import { NotFoundPage } from './pages/not-found-page';

test.describe('admin area', () => {
  test('is 404 for a signed-in user who is not an admin', async ({ page, registerUser, notFoundPage }) => {
    await registerUser(page);
    await notFoundPage.expectAt('/admin');
  });

  test('is 404 for an anonymous visitor', async ({ notFoundPage }) => {
    await notFoundPage.expectAt('/admin');
  });

  test('opens for root', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Admin area' })).toBeVisible();
    await expect(new NotFoundPage(page).heading).toHaveCount(0);
  });
});
