// A throwaway PostgreSQL database for a benchmark, and bulk-filling it with stand-in tokens.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { createThrowawayPostgres, type ThrowawayDatabase } from '@/db/testing';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * What every benchmark sets before it loads Keyhold: the local server when DATABASE_URL is unset,
 * a secret of its own (away from the data directory's) and cheap bcrypt for its users.
 */
export function prepareBenchEnvironment(): void {
  if (!process.env.DATABASE_URL) {
    console.log(`DATABASE_URL is not set; using ${DEFAULT_DATABASE_URL}`);
    process.env.DATABASE_URL = DEFAULT_DATABASE_URL;
  }
  process.env.KEYHOLD_SECRET ??= randomBytes(32).toString('base64url');
  process.env.KEYHOLD_BCRYPT_COST ??= '4';
}

/**
 * Creates `keyhold_bench_<pid>_<random>` in the server DATABASE_URL names (default: the local
 * server), opened and migrated; closing its handle (closeDatabase) drops it again.
 */
export function benchDatabase(): Promise<ThrowawayDatabase> {
  return createThrowawayPostgres(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, 'keyhold_bench');
}

/** Number of rows in access_tokens. */
export async function countTokens(database: Database): Promise<number> {
  const result = (await database.execute(sql`select count(*) as n from access_tokens`)) as unknown as { rows: { n: string }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Adds stand-in personal tokens of `userId` (random digests, never presented) until
 * access_tokens holds `target` rows, then vacuums and analyzes. Returns the rows added.
 */
export async function fillTokens(database: Database, userId: number, target: number): Promise<number> {
  const missing = target - (await countTokens(database));
  if (missing <= 0) return 0;
  const started = performance.now();
  await database.execute(sql`
    insert into access_tokens (kind, user_id, project_id, name, digest, scopes, access_level, expires_at, created_by_id)
    select 'personal', ${userId}, null, 'bulk ' || i, encode(sha256(convert_to(random()::text || i::text || clock_timestamp()::text, 'UTF8')), 'base64'),
           array['api'], null, current_date + (1 + i % 365), ${userId}
    from generate_series(1, ${missing}) as i`);
  await database.execute(sql`vacuum analyze`);
  console.log(`  filled ${missing.toLocaleString('en')} token rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return missing;
}
