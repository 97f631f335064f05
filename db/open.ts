import path from 'node:path';
import { mkdirSync } from 'node:fs';
import * as schema from './schema';
import type { Database, DatabaseHandle, NotificationHandlers } from './database';
import { lockPgliteDirectory } from './pglite-lock';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Any 64-bit key shared by every Keyhold process: migrations run one process at a time. */
const MIGRATION_LOCK_KEY = 4_722_001;

/** The data directory: PGlite's files (when embedded), the instance secret, later repositories. */
export function dataDir(): string {
  return path.resolve(process.env.KEYHOLD_DATA_DIR || '.keyhold');
}

/** Opens a node-postgres pool and applies pending migrations under an advisory lock. */
export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({ connectionString: url, max: Number(process.env.KEYHOLD_DB_POOL_SIZE || 10) });
  // An idle connection dropped by the server (restart, failover, a test dropping its database)
  // emits 'error' on the pool; unhandled, that would end the process. The pool replaces it.
  pool.on('error', (error) => console.error('Keyhold: idle database connection lost:', error.message));
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  const db = drizzle(pool, { schema }) as unknown as Database;
  const { Client } = await import('pg');
  const listeners = new Set<InstanceType<typeof Client>>();
  // LISTEN needs a connection that stays put, so each listener gets its own, outside the pool.
  const listen = async (channel: string, { onNotify, onLost }: NotificationHandlers) => {
    const client = new Client({ connectionString: url });
    let lost = false;
    const lose = () => {
      if (lost) return;
      lost = true;
      listeners.delete(client);
      onLost();
    };
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on('error', lose);
    client.on('end', lose);
    await client.connect();
    listeners.add(client);
    await client.query(`listen ${client.escapeIdentifier(channel)}`);
    return async () => {
      lost = true;
      listeners.delete(client);
      await client.end().catch(() => undefined);
    };
  };
  const close = async () => {
    await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
    listeners.clear();
    await pool.end();
  };
  return { db, driver: 'pg', close, listen };
}

/** Opens embedded PGlite (a directory, or `memory://` for a throwaway database) and migrates it. */
export async function openPglite(location: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = location.startsWith('memory://');
  if (!inMemory) mkdirSync(location, { recursive: true });
  // PGlite itself would let a second process open the directory (and corrupt it): refuse that.
  const release = inMemory ? () => {} : await lockPgliteDirectory(location);
  try {
    const client = await PGlite.create(location);
    const pgliteDb = drizzle(client, { schema });
    await migrate(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER });
    const close = async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    };
    // One in-process connection: its own notifications arrive on it.
    const listen = async (channel: string, { onNotify }: NotificationHandlers) => {
      const stop = await client.listen(channel, () => onNotify());
      return () => stop();
    };
    return { db: pgliteDb as unknown as Database, driver: 'pglite', close, listen };
  } catch (error) {
    release();
    throw error;
  }
}

/** The configured database: `DATABASE_URL` when set, embedded PGlite under the data directory otherwise. */
export function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite(path.join(dataDir(), 'pgdata'));
}
