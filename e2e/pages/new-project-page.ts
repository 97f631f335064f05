import { expect, type Locator, type Page } from '@playwright/test';
import type { Visibility } from './new-group-page';
import { ProjectPage } from './project-page';

export interface NewProjectOptions {
  name: string;
  /** The project URL segment; the form derives one from the name when omitted. */
  slug?: string;
  /** Full path of the namespace (a group or the user's own); the form's default when omitted. */
  namespaceFullPath?: string;
  visibility?: Visibility;
  description?: string;
  /** Whether the repository starts with a README (the form's default: yes). */
  initializeWithReadme?: boolean;
}

/** `/projects/new`, optionally with `?namespace_id=`. */
export class NewProjectPage {
  readonly name: Locator;
  readonly slug: Locator;
  readonly namespace: Locator;
  readonly visibility: Locator;
  readonly description: Locator;
  readonly initializeWithReadme: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByRole('textbox', { name: 'Project name' });
    this.slug = page.getByRole('textbox', { name: 'Project slug' });
    this.namespace = page.getByLabel('Project namespace');
    this.visibility = page.getByRole('group', { name: 'Visibility level' });
    this.description = page.getByRole('textbox', { name: 'Project description (optional)' });
    this.initializeWithReadme = page.getByRole('checkbox', { name: 'Initialize repository with a README' });
    this.submit = page.getByRole('button', { name: 'Create project', exact: true });
    // Scoped to main: Next.js's route announcer is an (empty) alert too.
    this.alert = page.getByRole('main').getByRole('alert');
  }

  async goto(namespaceId?: number): Promise<void> {
    await this.page.goto(namespaceId === undefined ? '/projects/new' : `/projects/new?namespace_id=${namespaceId}`);
    await expect(this.submit).toBeVisible();
  }

  /** Fills the form without submitting it. */
  async fill(options: NewProjectOptions): Promise<void> {
    await this.name.fill(options.name);
    if (options.namespaceFullPath !== undefined) await this.namespace.selectOption({ label: options.namespaceFullPath });
    if (options.slug !== undefined) await this.slug.fill(options.slug);
    if (options.description !== undefined) await this.description.fill(options.description);
    await this.visibility.getByRole('radio', { name: options.visibility ?? 'Private', exact: true }).check();
    if (options.initializeWithReadme !== undefined) await this.initializeWithReadme.setChecked(options.initializeWithReadme);
  }

  /** Creates the project and waits for its page. */
  async create(options: NewProjectOptions): Promise<ProjectPage> {
    await this.fill(options);
    await this.submit.click();
    const project = new ProjectPage(this.page);
    await expect(project.heading(options.name)).toBeVisible();
    return project;
  }
}
