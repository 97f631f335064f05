import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from './database';
import { openPglite, openPostgres } from './open';

/**
 * A fresh, migrated database for one test file: a new database inside the server that
 * `DATABASE_URL` names (dropped again by `close`), or an in-memory PGlite when it is unset.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openPglite('memory://');
  const name = `keyhold_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
