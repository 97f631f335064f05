import { expect, test, uniqueSuffix } from './fixtures';
import { NewProjectPage } from './pages/new-project-page';
import { NotFoundPage } from './pages/not-found-page';
import { PackagesRegistriesPage } from './pages/packages-registries-page';

// The e2e server inherits this process's environment: with KEYHOLD_REGISTRY_URL set (for example
// to an address where nothing listens) the registry settings exist, without it they are hidden.
const registryUrl = process.env.KEYHOLD_REGISTRY_URL?.trim() || null;
const registryHost = registryUrl ? new URL(/^[a-z]+:\/\//i.test(registryUrl) ? registryUrl : `https://${registryUrl}`).host : null;

test.describe('Settings > Packages and registries', () => {
  async function newProject(page: import('@playwright/test').Page): Promise<string> {
    const projects = new NewProjectPage(page);
    await projects.goto();
    await projects.create({ name: `Images ${uniqueSuffix()}` });
    return new URL(page.url()).pathname.slice(1);
  }

  test('a maintainer finds the registry address and login examples, and is told when the registry is unreachable', async ({
    page,
    rootCredentials,
    signInAs,
  }) => {
    test.skip(!registryUrl, 'the e2e server runs without KEYHOLD_REGISTRY_URL: the page is hidden (next test)');
    await signInAs(rootCredentials);
    const fullPath = await newProject(page);
    const settings = new PackagesRegistriesPage(page);
    await settings.navLink.click();
    await expect(settings.heading).toBeVisible();
    await expect(settings.navLink).toHaveAttribute('aria-current', 'page');
    const address = `${registryHost}/${fullPath.toLowerCase()}`;
    await expect(settings.registryAddress).toHaveValue(address);
    await expect(settings.dockerExample).toContainText(`docker login ${registryHost} --username any --password-stdin`);
    await expect(settings.dockerExample).toContainText(`docker push ${address}/app:latest`);
    await expect(settings.skopeoExample).toContainText(`docker://${address}/app:latest`);
    await expect(settings.imagesHeading).toBeVisible();
    // Nothing answers at the configured address in this test: the page says so instead of failing.
    await expect(settings.unreachable.or(page.getByText('This project has no container images yet.'))).toBeVisible();
  });

  test('without a registry the page and its navigation entry do not exist', async ({ page, rootCredentials, signInAs }) => {
    test.skip(!!registryUrl, 'the e2e server runs with KEYHOLD_REGISTRY_URL');
    await signInAs(rootCredentials);
    const fullPath = await newProject(page);
    const settings = new PackagesRegistriesPage(page);
    await expect(page.getByRole('navigation', { name: 'Project navigation' }).getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(settings.navLink).toHaveCount(0);
    await new NotFoundPage(page).expectAt(PackagesRegistriesPage.path(fullPath));
  });

  test('someone who is not a maintainer of the project gets 404', async ({
    page,
    rootCredentials,
    signInAs,
    newSessionPage,
    registerUser,
  }) => {
    await signInAs(rootCredentials);
    const fullPath = await newProject(page);
    const outsider = await newSessionPage();
    await registerUser(outsider);
    await new NotFoundPage(outsider).expectAt(PackagesRegistriesPage.path(fullPath));
  });

  test('the token service answers at /jwt/auth, or says the registry is not enabled', async ({ request }) => {
    const anonymous = await request.get('/jwt/auth?service=container_registry');
    if (registryUrl) {
      expect(anonymous.status()).toBe(403);
      expect(await anonymous.json()).toEqual({ errors: [{ code: 'DENIED', message: 'access forbidden' }] });
      const bad = await request.get('/jwt/auth?service=container_registry&scope=repository:acme/../api:pull', {
        headers: { authorization: `Basic ${Buffer.from('any:glpat-wrong').toString('base64')}` },
      });
      expect(bad.status()).toBe(400);
      expect((await bad.json()).errors[0].code).toBe('NAME_INVALID');
    } else {
      expect(anonymous.status()).toBe(404);
      expect(await anonymous.json()).toEqual({ errors: [{ code: 'UNAVAILABLE', message: 'registry not enabled' }] });
    }
  });
});
