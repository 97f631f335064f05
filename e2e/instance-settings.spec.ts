// These tests change instance-wide settings. playwright.config.ts runs this file in its own
// project, after every other spec has finished, and each test puts what it changed back.
import { expect, test, uniqueSuffix } from './fixtures';
import { AccessTokensPage } from './pages/access-tokens-page';
import { AdminAuditEventsPage } from './pages/admin-audit-events-page';
import { AdminSettingsPage } from './pages/admin-settings-page';
import { NewProjectPage } from './pages/new-project-page';
import { SignInPage } from './pages/sign-in-page';

/** The date `days` from today in UTC, as the date input wants it. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe('instance settings', () => {
  test('an admin sets the maximum lifetime to 10 days: the token form refuses 11 days out; older longer tokens are listed and revoked', async ({
    page,
    rootCredentials,
    signInAs,
  }) => {
    const suffix = uniqueSuffix();
    const settings = new AdminSettingsPage(page);
    await signInAs(rootCredentials);
    try {
      await new NewProjectPage(page).goto();
      await new NewProjectPage(page).create({ name: `Lifetime ${suffix}` });
      const projectFullPath = new URL(page.url()).pathname.slice(1);
      const tokens = new AccessTokensPage(page);
      await tokens.goto(projectFullPath);
      await tokens.create({ name: `long-${suffix}`, role: 'Guest', scopes: ['read_api'], expiresAt: daysFromToday(30) });

      await settings.goto();
      await settings.setMaxLifetime('10');
      await expect(settings.status).toContainText('later than the maximum lifetime now allows');
      // Lowering the limit breaks nothing by itself: the older token is listed, still active.
      await expect(settings.overLimitRow(`long-${suffix}`)).toContainText(projectFullPath);
      await expect(settings.overLimit).toContainText('Keyhold leaves the decision to you');

      // The token form offers at most 10 days and the server refuses 11.
      await tokens.goto(projectFullPath);
      await expect(tokens.activeRow(`long-${suffix}`)).toHaveCount(1);
      await expect(tokens.expiresAt).toHaveAttribute('max', daysFromToday(10));
      await expect(tokens.expiresAt).toHaveValue(daysFromToday(10));
      await tokens.fill({ name: `too-long-${suffix}`, role: 'Guest', scopes: ['api'], expiresAt: daysFromToday(11) });
      await tokens.submit.click();
      await expect(tokens.alert).toContainText(`Expires at must be before ${daysFromToday(10)}`);
      await expect(tokens.activeRow(`too-long-${suffix}`)).toHaveCount(0);
      await tokens.expiresAt.fill(daysFromToday(10));
      await tokens.submit.click();
      await expect(tokens.newTokenHeading).toBeVisible();

      // One click revokes what outlives the limit.
      await settings.goto();
      await settings.revokeAllOverLimit();
      await expect(settings.overLimitRow(`long-${suffix}`)).toHaveCount(0);
      await tokens.goto(projectFullPath);
      await expect(tokens.inactiveRow(`long-${suffix}`)).toContainText('Revoked');
      await expect(tokens.activeRow(`too-long-${suffix}`)).toHaveCount(1);

      // Each revocation is in the audit log of the project.
      const audit = new AdminAuditEventsPage(page);
      await audit.goto();
      await audit.filter({ action: 'project_access_token_revoked', project: projectFullPath });
      await expect(audit.rows()).toHaveCount(1);
      await expect(audit.rows().first()).toContainText('exceeds maximum lifetime');
    } finally {
      await settings.goto();
      await settings.setMaxLifetime('');
    }
    await expect(settings.maxLifetime).toHaveValue('');
  });

  test('bad input is refused with a clear message and nothing changes', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    const settings = new AdminSettingsPage(page);
    await settings.goto();
    await expect(settings.maxLifetime).toHaveValue('');
    await expect(settings.tokenPrefix).toHaveValue('glpat-');

    for (const value of ['0', '-5', '401', 'abc']) {
      await settings.maxLifetime.fill(value);
      await settings.save.click();
      await expect(settings.alert).toContainText('Maximum allowable lifetime for access tokens must be a whole number of days');
      await expect(settings.maxLifetime).toHaveAttribute('aria-invalid', 'true');
      // What was typed is still there to correct.
      await expect(settings.maxLifetime).toHaveValue(value);
    }
    await settings.maxLifetime.fill('');

    for (const [value, message] of [
      ['my prefix-', "can contain only letters, digits, '-' and '_'"],
      ['p'.repeat(21), 'is too long (maximum is 20 characters)'],
    ] as const) {
      await settings.tokenPrefix.fill(value);
      await settings.save.click();
      await expect(settings.alert).toContainText(`Personal access token prefix ${message}`);
      await expect(settings.tokenPrefix).toHaveAttribute('aria-invalid', 'true');
    }

    await page.reload();
    await expect(settings.maxLifetime).toHaveValue('');
    await expect(settings.tokenPrefix).toHaveValue('glpat-');
  });

  test('with sign-up disabled the sign-in page hides the link and the sign-up page refuses', async ({
    page,
    rootCredentials,
    signInAs,
    newSessionPage,
  }) => {
    await signInAs(rootCredentials);
    const settings = new AdminSettingsPage(page);
    const visitor = await newSessionPage();
    try {
      await settings.goto();
      await expect(settings.signupEnabled).toBeChecked();
      await settings.setSignupEnabled(false);

      await new SignInPage(visitor).goto();
      await expect(visitor.getByRole('link', { name: 'Register now' })).toHaveCount(0);
      await visitor.goto('/users/sign_up');
      await expect(visitor.getByText('Sign-ups are disabled on this instance.')).toBeVisible();
      await expect(visitor.getByRole('button', { name: 'Register', exact: true })).toHaveCount(0);
    } finally {
      await settings.goto();
      await settings.setSignupEnabled(true);
    }
    await new SignInPage(visitor).goto();
    await expect(visitor.getByRole('link', { name: 'Register now' })).toBeVisible();
  });

  test('every settings change is audited and can be found by actor and action', async ({ page, rootCredentials, signInAs }) => {
    await signInAs(rootCredentials);
    const settings = new AdminSettingsPage(page);
    await settings.goto();
    await settings.botsReadInternal.uncheck();
    await settings.save.click();
    await expect(settings.status).toContainText('Application settings saved.');
    await settings.botsReadInternal.check();
    await settings.save.click();
    await expect(settings.status).toContainText('Application settings saved.');

    const audit = new AdminAuditEventsPage(page);
    await audit.goto();
    await audit.filter({ actor: 'root', action: 'application_settings_updated' });
    const rows = audit.rows();
    await expect(rows.first()).toContainText('"to":{"botsCanReadInternalProjects":true}');
    await expect(rows.nth(1)).toContainText('"to":{"botsCanReadInternalProjects":false}');
    await expect(rows.first()).toContainText('root');
  });
});
