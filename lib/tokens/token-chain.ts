import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

function rowsOf<T>(result: unknown): T[] {
  // node-postgres and PGlite both answer raw queries with `{ rows }`.
  return (result as { rows: T[] }).rows;
}

/** Every token linked to `tokenId` through previous_token_id, in both directions. */
function chainOf(tokenId: number) {
  return sql`with recursive chain(id, prev) as (
      select id, previous_token_id from access_tokens where id = ${tokenId}
      union
      select t.id, t.previous_token_id from access_tokens t join chain c on t.previous_token_id = c.id or t.id = c.prev
    )`;
}

/** What revoking a chain did: the tokens it revoked now, and the users the chain's tokens belong to. */
export interface RevokedChain {
  revokedIds: number[];
  userIds: number[];
}

/**
 * Re-use of a rotated token: revokes every token of its rotation chain inside the caller's
 * transaction. The caller decides what else goes with them (a project token's bot user).
 */
export async function revokeTokenChain(tx: Executor, tokenId: number, now: Date): Promise<RevokedChain> {
  const revokedIds: number[] = [];
  // Each statement sees rows committed before it started: repeat until a pass finds nothing, so a
  // successor committed by a rotation we waited for is caught too.
  for (let pass = 0; pass < 10; pass++) {
    const result = await tx.execute(sql`${chainOf(tokenId)}
      update access_tokens set revoked = true, revoked_at = ${now.toISOString()}::timestamptz, updated_at = now()
      where id in (select id from chain) and not revoked
      returning id`);
    const ids = rowsOf<{ id: number }>(result).map((row) => row.id);
    if (ids.length === 0) break;
    revokedIds.push(...ids);
  }
  const owners = rowsOf<{ user_id: number }>(
    await tx.execute(sql`${chainOf(tokenId)}
      select distinct user_id from access_tokens where id in (select id from chain) and user_id is not null`),
  );
  return { revokedIds, userIds: owners.map((row) => row.user_id) };
}
