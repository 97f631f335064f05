import { expect, type Locator, type Page } from '@playwright/test';

export interface NewUser {
  name: string;
  username: string;
  email: string;
  password: string;
}

/** `/users/sign_up`. */
export class SignUpPage {
  readonly fullName: Locator;
  readonly username: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.fullName = page.getByLabel('Full name');
    this.username = page.getByLabel('Username', { exact: true });
    this.email = page.getByLabel('Email', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Register', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/users/sign_up');
    await expect(this.submit).toBeVisible();
  }

  /** Registers the user; the new user is signed in and lands on the dashboard. */
  async register(user: NewUser): Promise<void> {
    await this.fullName.fill(user.name);
    await this.username.fill(user.username);
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.submit.click();
    await expect(this.page).toHaveURL('/');
  }
}
