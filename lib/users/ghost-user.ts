import 'server-only';
import { eq } from 'drizzle-orm';
import { users, type User } from '@/db/schema';
import type { Executor } from '@/db/client';
import { publicHost } from './users';

export const GHOST_USERNAME = 'ghost';
export const GHOST_NAME = 'Ghost User';

/**
 * The one system-wide Ghost User that inherits everything a deleted user authored, created on
 * first use. A partial unique index allows only one; concurrent first uses settle on it. Should a
 * person already own the username `ghost`, the ghost becomes `ghost1`, `ghost2`… as in GitLab.
 */
export async function ghostUser(executor: Executor): Promise<Pick<User, 'id' | 'username' | 'name'>> {
  const columns = { id: users.id, username: users.username, name: users.name };
  for (let attempt = 0; attempt < 100; attempt++) {
    const [existing] = await executor.select(columns).from(users).where(eq(users.userType, 'ghost'));
    if (existing) return existing;
    const username = attempt === 0 ? GHOST_USERNAME : `${GHOST_USERNAME}${attempt}`;
    const [created] = await executor
      .insert(users)
      .values({
        username,
        name: GHOST_NAME,
        email: `${username}@noreply.${publicHost()}`,
        passwordHash: null,
        userType: 'ghost',
      })
      .onConflictDoNothing()
      .returning(columns);
    if (created) return created;
    // Either another transaction created the ghost (found on the next pass) or the name is a person's.
  }
  throw new Error('could not find or create the Ghost User');
}
