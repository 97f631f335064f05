import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { NewGroupPage } from './pages/new-group-page';
import { NewProjectPage } from './pages/new-project-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage, type Credentials } from './pages/sign-in-page';
import { SignUpPage, type NewUser } from './pages/sign-up-page';

export { expect };
export type { Credentials, NewUser };

/** A short random suffix that keeps names unique across tests and retries. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Registration data for a user nobody else uses. */
export function newUserData(prefix = 'user'): NewUser {
  const username = `${prefix}-${uniqueSuffix()}`;
  return {
    name: `Test ${username}`,
    username,
    email: `${username}@example.com`,
    password: `pw-${randomBytes(9).toString('base64url')}`,
  };
}

interface KeyholdFixtures {
  /** The instance admin, whose password the e2e server was started with. */
  rootCredentials: Credentials;
  /** Signs `page` (the test's own page unless given) in and returns its dashboard. */
  signInAs: (credentials: Credentials, page?: Page) => Promise<DashboardPage>;
  /** Registers a new user through the sign-up page on `page` (signing it in) and returns the data used. */
  registerUser: (page: Page, user?: NewUser) => Promise<NewUser>;
  /** A page in a new browser context: another person, with cookies of their own. */
  newSessionPage: () => Promise<Page>;
  signInPage: SignInPage;
  signUpPage: SignUpPage;
  dashboardPage: DashboardPage;
  newGroupPage: NewGroupPage;
  newProjectPage: NewProjectPage;
  notFoundPage: NotFoundPage;
}

// Fixture bodies receive Playwright's `use` callback; it is no React hook.
/* eslint-disable react-hooks/rules-of-hooks */
export const test = base.extend<KeyholdFixtures>({
  rootCredentials: async ({}, use) => {
    const password = process.env.E2E_ROOT_PASSWORD;
    if (!password) throw new Error('E2E_ROOT_PASSWORD is unset; run the tests through playwright.config.ts');
    await use({ username: 'root', password });
  },

  signInAs: async ({ page }, use) => {
    await use(async (credentials, target = page) => {
      const signIn = new SignInPage(target);
      await signIn.goto();
      await signIn.signIn(credentials);
      const dashboard = new DashboardPage(target);
      await dashboard.expectLoaded();
      return dashboard;
    });
  },

  registerUser: async ({}, use) => {
    await use(async (target, user = newUserData()) => {
      const signUp = new SignUpPage(target);
      await signUp.goto();
      await signUp.register(user);
      await new DashboardPage(target).expectLoaded();
      return user;
    });
  },

  newSessionPage: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  signUpPage: async ({ page }, use) => use(new SignUpPage(page)),
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
  newGroupPage: async ({ page }, use) => use(new NewGroupPage(page)),
  newProjectPage: async ({ page }, use) => use(new NewProjectPage(page)),
  notFoundPage: async ({ page }, use) => use(new NotFoundPage(page)),
});
/* eslint-enable react-hooks/rules-of-hooks */
