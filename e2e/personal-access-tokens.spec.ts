import { expect, test } from './fixtures';
import { PERSONAL_ACCESS_TOKENS_PATH, PersonalAccessTokensPage } from './pages/personal-access-tokens-page';
import { SignInPage } from './pages/sign-in-page';

/** The date `days` from today in UTC, as the date input wants it. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe('personal access tokens', () => {
  test('a person creates a token, sees it once, uses it on the API, rotates it and revokes it', async ({ page, registerUser }) => {
    const user = await registerUser(page);
    const tokens = new PersonalAccessTokensPage(page);
    await tokens.menuLink.click();
    await expect(page).toHaveURL(PERSONAL_ACCESS_TOKENS_PATH);
    await expect(tokens.heading).toBeVisible();
    await expect(tokens.expiresAt).toHaveValue(daysFromToday(30));
    // A personal token acts as its person: there is no role to pick.
    await expect(tokens.role).toHaveCount(0);
    await expect(tokens.scope('read_user')).toBeVisible();
    await expect(tokens.scope('read_registry')).toHaveCount(0);
    await expect(page.getByText('This user has no active personal access tokens.')).toBeVisible();

    const expiresAt = daysFromToday(20);
    const secret = await tokens.create({ name: 'cli', scopes: ['read_user'], expiresAt });
    expect(secret).toMatch(/^glpat-[A-Za-z0-9]{38}$/);
    await expect(page.getByText("Make sure you save it - you won't be able to access it again.")).toBeVisible();
    await expect(tokens.newTokenValue).toHaveAttribute('type', 'password');
    const row = tokens.activeRow('cli');
    await expect(row).toContainText('read_user');
    await expect(row).toContainText(expiresAt);
    await expect(row).toContainText('Never');

    // The token works against the API, as its person.
    const me = await page.request.get('/api/v4/user', { headers: { 'PRIVATE-TOKEN': secret } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ username: user.username, bot: false });

    // A reload never shows it again; the use is recorded.
    await page.reload();
    await expect(tokens.heading).toBeVisible();
    await expect(tokens.newTokenHeading).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await expect(tokens.activeRow('cli')).not.toContainText('Never');

    // Rotation: a new token, once; the old one stops working.
    await tokens.confirm('Rotate', 'cli');
    await expect(tokens.newTokenHeading).toBeVisible();
    const rotated = await tokens.newTokenValue.inputValue();
    expect(rotated).not.toBe(secret);
    expect((await page.request.get('/api/v4/user', { headers: { 'PRIVATE-TOKEN': secret } })).status()).toBe(401);
    expect((await page.request.get('/api/v4/user', { headers: { 'PRIVATE-TOKEN': rotated } })).status()).toBe(200);
    await expect(tokens.activeRow('cli')).toHaveCount(1);
    await expect(tokens.inactiveRow('cli')).toHaveCount(1);

    // Revocation: 401 at once, and the token is listed as revoked.
    await tokens.confirm('Revoke', 'cli');
    await expect(page.getByText('This user has no active personal access tokens.')).toBeVisible();
    const refused = await page.request.get('/api/v4/user', { headers: { 'PRIVATE-TOKEN': rotated } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_token' });
    await expect(tokens.inactiveRow('cli')).toHaveCount(2);
    await expect(tokens.inactiveRow('cli').first()).toContainText('Revoked');
  });

  test('bad input is refused at the field and nothing is created', async ({ page, registerUser }) => {
    await registerUser(page);
    const tokens = new PersonalAccessTokensPage(page);
    await tokens.goto();
    await tokens.name.fill('no-scopes');
    await tokens.submit.click();
    await expect(tokens.alert).toContainText(/scope/i);
    await expect(tokens.name).toHaveValue('no-scopes');
    await tokens.scope('api').check();
    await tokens.expiresAt.fill(daysFromToday(400));
    await tokens.submit.click();
    await expect(tokens.alert).toContainText(/Expires at must be before/);
    await page.reload();
    await expect(page.getByText('This user has no active personal access tokens.')).toBeVisible();
  });

  test("another person's tokens are not shown, and an anonymous visitor must sign in first", async ({
    page,
    registerUser,
    rootCredentials,
    newSessionPage,
  }) => {
    const ownerPage = await newSessionPage();
    await registerUser(ownerPage);
    const owners = new PersonalAccessTokensPage(ownerPage);
    await owners.goto();
    const name = `private-${Date.now()}`;
    await owners.create({ name, scopes: ['api'] });

    // Anonymous: sent to sign in, and back to the page afterwards.
    await page.goto(PERSONAL_ACCESS_TOKENS_PATH);
    const signIn = new SignInPage(page);
    await expect(signIn.heading).toBeVisible();
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(PERSONAL_ACCESS_TOKENS_PATH);
    await signIn.submitCredentials(rootCredentials);
    const tokens = new PersonalAccessTokensPage(page);
    await expect(tokens.heading).toBeVisible();
    await expect(page).toHaveURL(PERSONAL_ACCESS_TOKENS_PATH);
    // Even the admin sees only their own tokens here.
    await expect(page.getByText(name)).toHaveCount(0);
  });
});
