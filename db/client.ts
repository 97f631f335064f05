import type { Database, DatabaseHandle } from './database';
import { openConfiguredDatabase } from './open';

export type { Database, DatabaseHandle, Executor, Transaction } from './database';

// Next.js may load this module more than once in one process (instrumentation, route handlers
// and server components are bundled separately). PGlite allows one opener per data directory,
// so the handle lives on globalThis.
const HANDLE_KEY = Symbol.for('keyhold.database');
type GlobalWithHandle = typeof globalThis & { [HANDLE_KEY]?: Promise<DatabaseHandle> };
const store = globalThis as GlobalWithHandle;

/** The process-wide database, opened and migrated on first use. */
export async function db(): Promise<Database> {
  store[HANDLE_KEY] ??= openConfiguredDatabase().catch((error: unknown) => {
    delete store[HANDLE_KEY];
    throw error;
  });
  return (await store[HANDLE_KEY]).db;
}

/** The process-wide database's handle (for what the query builder does not offer, such as LISTEN). */
export async function databaseHandle(): Promise<DatabaseHandle> {
  await db();
  return store[HANDLE_KEY]!;
}

/** Installs an already opened database (tests, scripts). */
export function useDatabase(handle: DatabaseHandle): void {
  store[HANDLE_KEY] = Promise.resolve(handle);
}

/** Closes the process-wide database, if one was opened. */
export async function closeDatabase(): Promise<void> {
  const handle = store[HANDLE_KEY];
  delete store[HANDLE_KEY];
  if (handle) await (await handle).close();
}
