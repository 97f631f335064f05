import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Actor } from '../actor';
import { utcDate } from '../dates';

export interface MemberGroupsPageOptions {
  actor: Actor;
  /** Matches name or full path, case-insensitively. */
  search?: string;
  topLevelOnly?: boolean;
  limit: number;
  offset: number;
  now?: Date;
}

/**
 * One page of the groups a person lists: every group for admins, otherwise the groups they
 * belong to and every group below those. Filtering, ordering (by name) and paging happen in
 * one query, so the cost does not grow with the number of groups on the instance.
 */
export async function memberGroupsPage(options: MemberGroupsPageOptions): Promise<{ ids: number[]; total: number }> {
  const { actor } = options;
  const today = utcDate(options.now ?? new Date());
  const filters: SQL[] = [sql`n.kind = 'group'`];
  if (!actor.isAdmin) {
    filters.push(sql`exists (select 1 from group_members gm where gm.user_id = ${actor.id}
      and gm.group_id = any(n.traversal_ids) and (gm.expires_at is null or gm.expires_at > ${today}::date))`);
  }
  if (options.topLevelOnly) filters.push(sql`n.parent_id is null`);
  const search = options.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    filters.push(sql`(n.name ilike ${pattern} or n.full_path ilike ${pattern})`);
  }
  const where = sql.join(filters, sql` and `);
  const database = await db();
  const result = await database.execute(sql`
    select n.id, count(*) over () as total from namespaces n
    where ${where}
    order by lower(n.name), n.id
    limit ${options.limit} offset ${options.offset}`);
  const rows = (result as unknown as { rows: { id: number; total: string | number }[] }).rows;
  if (rows.length > 0) return { ids: rows.map((row) => Number(row.id)), total: Number(rows[0]!.total) };
  // A page past the end carries no total of its own.
  const counted = await database.execute(sql`select count(*) as total from namespaces n where ${where}`);
  return { ids: [], total: Number((counted as unknown as { rows: { total: string | number }[] }).rows[0]?.total ?? 0) };
}
