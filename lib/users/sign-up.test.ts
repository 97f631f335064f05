import { count } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { db } from '@/db/client';
import { updateApplicationSettings } from '@/lib/settings/application-settings';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { resetInstanceSettings } from '@/tests/settings-factories';
import { signUpsEnabled, signUpUser } from './sign-up';

withFreshDatabase();
beforeEach(resetInstanceSettings);

const newUser = () => {
  const username = `new-${uniqueSuffix()}`;
  return { username, name: username, email: `${username}@example.com`, password: 'long enough password' };
};

describe('self sign-up', () => {
  it('creates a person, never an admin, while sign-ups are enabled', async () => {
    expect(await signUpsEnabled()).toBe(true);
    const created = await signUpUser(newUser());
    expect(created).toMatchObject({ isAdmin: false, userType: 'human' });
  });

  it('is refused once an admin turns sign-ups off, and nobody is created', async () => {
    const admin = await createTestUser({ isAdmin: true });
    await updateApplicationSettings({ actor: admin, signupEnabled: false });
    expect(await signUpsEnabled()).toBe(false);
    const [before] = await (await db()).select({ n: count() }).from(users);
    await expect(signUpUser(newUser())).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Sign-ups are disabled on this instance. Ask an administrator for an account.',
    });
    const [after] = await (await db()).select({ n: count() }).from(users);
    expect(after).toEqual(before);
  });
});
