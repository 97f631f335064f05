import { expect, type Locator, type Page } from '@playwright/test';

export interface Credentials {
  /** Username or primary email. */
  username: string;
  password: string;
}

/** `/users/sign_in`. */
export class SignInPage {
  readonly heading: Locator;
  readonly login: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in', exact: true });
    this.login = page.getByLabel('Username or primary email');
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    // Scoped to main: Next.js's route announcer is an (empty) alert too.
    this.alert = page.getByRole('main').getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/users/sign_in');
    await expect(this.heading).toBeVisible();
  }

  /** Fills and submits the form; does not wait for the outcome. */
  async submitCredentials({ username, password }: Credentials): Promise<void> {
    await this.login.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in and waits for the dashboard. */
  async signIn(credentials: Credentials): Promise<void> {
    await this.submitCredentials(credentials);
    await expect(this.page).toHaveURL('/');
  }
}
