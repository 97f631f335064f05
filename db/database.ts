import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

type Schema = typeof schema;

/** The one database type every module above the driver uses: node-postgres and PGlite both satisfy it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction, for helpers that run inside both. */
export type Executor = Database | Transaction;

export interface NotificationHandlers {
  onNotify(): void;
  /** The listening connection is gone: notifications may have been missed from now on. */
  onLost(): void;
}

export interface DatabaseHandle {
  db: Database;
  driver: 'pg' | 'pglite';
  close(): Promise<void>;
  /** LISTENs on `channel` (on a connection of its own for node-postgres); resolves once listening, to a function that stops. */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
}
