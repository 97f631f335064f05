import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/actor';
import { createHumanUser } from '@/lib/users/users';

/** A unique, valid username-like suffix for test data. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Creates a human user with unique username and email. */
export function createTestUser(overrides: { username?: string; isAdmin?: boolean } = {}): Promise<Actor> {
  const username = overrides.username ?? `user-${uniqueSuffix()}`;
  return createHumanUser({
    username,
    name: username,
    email: `${username}@example.com`,
    password: 'correct horse battery',
    isAdmin: overrides.isAdmin ?? false,
  });
}
