// Factories for the personal access token tests.
import { eq } from 'drizzle-orm';
import { instanceSettings, users } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '@/lib/actor';
import { getInstanceSettings } from '@/lib/settings/instance-settings';
import { createPersonalAccessToken, type CreatePersonalAccessTokenOptions } from '@/lib/tokens/personal-access-tokens';
import { NOW } from '@/tests/token-factories';

export { NOW };

/** Creates a personal access token for `actor` (or, as an admin, for `userId`) with sensible defaults. */
export function createPersonalToken(actor: Actor, overrides: Partial<Omit<CreatePersonalAccessTokenOptions, 'actor'>> = {}) {
  return createPersonalAccessToken({
    actor,
    name: 'laptop',
    scopes: ['api'],
    expiresAt: '2030-02-01',
    now: NOW,
    ...overrides,
  });
}

/** Sets the instance's maximum token lifetime (null: the default, 365 days). */
export async function setMaxLifetimeDays(days: number | null) {
  await getInstanceSettings();
  await (await db()).update(instanceSettings).set({ maxAccessTokenLifetimeDays: days }).where(eq(instanceSettings.id, 1));
}

export async function setUserState(userId: number, state: 'active' | 'blocked') {
  await (await db()).update(users).set({ state }).where(eq(users.id, userId));
}
