import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { db } from '@/db/client';
import { AppError } from '@/lib/errors';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { createHumanUser, ensureRootUser, verifyCredentials } from './users';

withFreshDatabase();

describe('users and sign-in', () => {
  it('signs in by username or e-mail, case-insensitively', async () => {
    const user = await createTestUser();
    expect(await verifyCredentials(user.username.toUpperCase(), 'correct horse battery')).toMatchObject({ id: user.id });
    expect(await verifyCredentials(`${user.username}@EXAMPLE.com`, 'correct horse battery')).toMatchObject({ id: user.id });
  });

  it('gives the same null for a wrong password, an unknown user, a blocked user and a bot', async () => {
    const user = await createTestUser();
    const blocked = await createTestUser();
    await (await db()).update(users).set({ state: 'blocked' }).where(eq(users.id, blocked.id));
    const [bot] = await (
      await db()
    )
      .insert(users)
      .values({
        username: `project_1_bot_${uniqueSuffix()}`,
        name: 'bot',
        email: `bot-${uniqueSuffix()}@noreply.test`,
        userType: 'project_bot',
      })
      .returning();
    expect(await verifyCredentials(user.username, 'wrong password')).toBeNull();
    expect(await verifyCredentials('nobody-at-all', 'correct horse battery')).toBeNull();
    expect(await verifyCredentials(blocked.username, 'correct horse battery')).toBeNull();
    expect(await verifyCredentials(bot!.username, '')).toBeNull();
  });

  it('refuses duplicate usernames and e-mails whatever their case', async () => {
    const user = await createTestUser();
    const attempt = (username: string, email: string) =>
      createHumanUser({ username, name: 'X', email, password: 'long enough pw' }).catch((error: unknown) => error);
    expect(await attempt(user.username.toUpperCase(), `x-${uniqueSuffix()}@example.com`)).toMatchObject({
      code: 'conflict',
      field: 'username',
    });
    expect(await attempt(`x-${uniqueSuffix()}`, `${user.username}@EXAMPLE.COM`)).toMatchObject({ code: 'conflict', field: 'email' });
  });

  it.each([
    ['username', { username: 'admin' }],
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['password', { password: 'é'.repeat(40) }],
  ])('refuses a bad %s', async (field, override) => {
    const error = await createHumanUser({
      username: `u-${uniqueSuffix()}`,
      name: 'X',
      email: `${uniqueSuffix()}@example.com`,
      password: 'long enough pw',
      ...override,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ field });
  });

  it('creates root once, as an admin, with the configured password', async () => {
    process.env.KEYHOLD_ROOT_PASSWORD = 'root password from env';
    expect(await ensureRootUser()).toEqual({ created: true, generatedPassword: null });
    expect(await ensureRootUser()).toEqual({ created: false, generatedPassword: null });
    expect(await verifyCredentials('root', 'root password from env')).toMatchObject({ username: 'root', isAdmin: true });
    delete process.env.KEYHOLD_ROOT_PASSWORD;
  });
});
