import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from './database';
import { openPglite, openPostgres } from './open';

export interface ThrowawayDatabase {
  /** Opened and migrated; closing it drops the database again. */
  handle: DatabaseHandle;
  /** Its connection URL, for another process to open. */
  url: string;
}

/** Runs one statement on a short-lived connection to the server `serverUrl` names. */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<pid>_<random>` inside the server `serverUrl` names, for tests and benchmarks. */
export async function createThrowawayPostgres(serverUrl: string, prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    url: url.toString(),
    handle: {
      ...handle,
      async close() {
        await handle.close();
        await onServer(serverUrl, `drop database if exists ${name} with (force)`);
      },
    },
  };
}

/**
 * A fresh, migrated database for one test file: a new database inside the server that
 * `DATABASE_URL` names (dropped again by `close`), or an in-memory PGlite when it is unset.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openPglite('memory://');
  return (await createThrowawayPostgres(serverUrl, 'keyhold_test')).handle;
}
