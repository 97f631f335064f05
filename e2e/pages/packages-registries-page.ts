import { expect, type Locator, type Page } from '@playwright/test';

/** `/<project>/-/settings/packages_and_registries`: the container registry's address, examples and images. */
export class PackagesRegistriesPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly registryAddress: Locator;
  readonly dockerExample: Locator;
  readonly skopeoExample: Locator;
  readonly imagesHeading: Locator;
  readonly unreachable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Packages and registries', exact: true });
    this.navLink = page
      .getByRole('navigation', { name: 'Project navigation' })
      .getByRole('link', { name: 'Packages and registries', exact: true });
    this.registryAddress = page.getByLabel('Registry address');
    this.dockerExample = page.getByLabel('Docker', { exact: true });
    this.skopeoExample = page.getByLabel('skopeo', { exact: true });
    this.imagesHeading = page.getByRole('heading', { level: 2, name: 'Images', exact: true });
    this.unreachable = page.getByRole('alert').filter({ hasText: 'The container registry is unreachable' });
  }

  static path(projectFullPath: string): string {
    return `/${projectFullPath}/-/settings/packages_and_registries`;
  }

  async goto(projectFullPath: string): Promise<void> {
    await this.page.goto(PackagesRegistriesPage.path(projectFullPath));
    await expect(this.heading).toBeVisible();
  }
}
