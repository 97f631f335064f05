import { expect, test } from './fixtures';
import { NotFoundPage } from './pages/not-found-page';

const ADMIN_PAGES = ['/admin', '/admin/users', '/admin/application_settings/general', '/admin/audit_events'];

test.describe('admin area', () => {
  test('is 404 for a signed-in user who is not an admin, on every admin page', async ({ page, registerUser, notFoundPage }) => {
    await registerUser(page);
    for (const path of ADMIN_PAGES) await notFoundPage.expectAt(path);
    await expect(page.getByRole('navigation', { name: 'Admin navigation' })).toHaveCount(0);
  });

  test('is 404 for an anonymous visitor', async ({ notFoundPage }) => {
    for (const path of ADMIN_PAGES) await notFoundPage.expectAt(path);
  });

  test('opens for root, with its navigation and the FIPS mode shown', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Admin area' })).toBeVisible();
    await expect(new NotFoundPage(page).heading).toHaveCount(0);
    await expect(page.getByText('FIPS mode is off.')).toBeVisible();

    const navigation = page.getByRole('navigation', { name: 'Admin navigation' });
    await expect(navigation.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    for (const [link, heading] of [
      ['Users', 'Users'],
      ['Settings', 'General settings'],
      ['Audit events', 'Audit events'],
    ]) {
      await navigation.getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(navigation.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
    }
  });
});
