import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

/** First key of the blob locks (the second is the digest's hash): shared by every Keyhold process. */
const BLOB_LOCK_SPACE = 4_722_002;

/**
 * Locks one content-addressed blob until the transaction ends. An upload holds it while it moves
 * the blob into place and records the row that references it; a deletion holds it while it checks
 * that no row does and removes the file. So neither removes a blob another is about to reference.
 */
export async function lockBlob(tx: Executor, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${BLOB_LOCK_SPACE}, hashtext(${sha256}))`);
}
