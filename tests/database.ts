import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, useDatabase } from '@/db/client';
import { createTestDatabase } from '@/db/testing';

/** Gives the calling test file its own fresh database for all of its tests. */
export function withFreshDatabase(): void {
  beforeAll(async () => {
    useDatabase(await createTestDatabase());
  }, 60_000);
  afterAll(async () => {
    await closeDatabase();
  });
}
