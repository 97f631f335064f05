import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { db } from '@/db/client';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { ghostUser } from './ghost-user';

withFreshDatabase();

// (The ordinary case, username `ghost`, is checked where revocation creates it: lib/tokens/revoke-rotate.test.ts.)
describe('the Ghost User', () => {
  it('is created once, even when asked for concurrently; a person named "ghost" makes it "ghost1"', async () => {
    const person = await createTestUser({ username: 'ghost' });
    const database = await db();
    const results = await Promise.all(Array.from({ length: 8 }, () => database.transaction((tx) => ghostUser(tx))));
    expect(new Set(results.map((ghost) => ghost.id)).size).toBe(1);
    const ghosts = await database.select().from(users).where(eq(users.userType, 'ghost'));
    expect(ghosts).toHaveLength(1);
    expect(ghosts[0]).toMatchObject({ username: 'ghost1', name: 'Ghost User', passwordHash: null, isAdmin: false });
    expect(ghosts[0]?.id).not.toBe(person.id);
    expect((await ghostUser(database)).id).toBe(ghosts[0]?.id);
  });

  it('cannot be taken over by a person signing up with its username', async () => {
    await expect(createTestUser({ username: 'ghost1' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
