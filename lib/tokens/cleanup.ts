import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { recordAuditEvent } from '../audit/audit-events';
import { utcDate } from '../dates';
import { removeProjectBot } from '../bots/project-bots';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Bots that have an expired or revoked token and no token that still works. */
function orphanedBots(today: string) {
  return sql`select distinct u.id, u.username, u.bot_project_id from users u
    join access_tokens t on t.user_id = u.id and t.kind = 'project'
    where u.user_type = 'project_bot' and (t.revoked or t.expires_at <= ${today}::date)
      and not exists (select 1 from access_tokens a where a.user_id = u.id and not a.revoked and a.expires_at > ${today}::date)`;
}

/**
 * Deletes the bots of expired (and revoked) project tokens, moving what they authored to the
 * Ghost User, as revocation does. A bot whose token was rotated into a working successor stays.
 * Safe to run at any time and any number of times; each bot goes in its own transaction.
 */
export async function removeBotsOfInactiveTokens({ now = new Date() }: { now?: Date } = {}): Promise<{ botsRemoved: number }> {
  const today = utcDate(now);
  const database = await db();
  const candidates = rowsOf<{ id: number; username: string; bot_project_id: number | null }>(await database.execute(orphanedBots(today)));
  let botsRemoved = 0;
  for (const candidate of candidates) {
    const removed = await database.transaction(async (tx) => {
      // Check again under the bot's lock: a rotation may have given it a new token meanwhile.
      const [stillOrphaned] = rowsOf<{ id: number }>(
        await tx.execute(sql`select u.id from users u where u.id = ${candidate.id} for update`),
      );
      if (!stillOrphaned) return false;
      const [active] = rowsOf<{ id: number }>(
        await tx.execute(
          sql`select id from access_tokens where user_id = ${candidate.id} and not revoked and expires_at > ${today}::date limit 1`,
        ),
      );
      if (active) return false;
      if (!(await removeProjectBot(tx, candidate.id))) return false;
      await recordAuditEvent(tx, {
        author: null,
        action: 'project_bot_removed',
        target: { type: 'Project', id: candidate.bot_project_id },
        details: { botUserId: candidate.id, botUsername: candidate.username, reason: 'token inactive' },
      });
      return true;
    });
    if (removed) botsRemoved++;
  }
  return { botsRemoved };
}
