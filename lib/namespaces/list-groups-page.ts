import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Visibility } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '../access-levels';
import type { MaybeActor } from '../actor';
import { utcDate } from '../dates';
import { getInstanceSettings } from '../settings/instance-settings';
import { visibleWithoutMembership } from '../permissions';

export const GROUP_LIST_ORDERS = ['name', 'path', 'id'] as const;
export type GroupListOrder = (typeof GROUP_LIST_ORDERS)[number];

export interface GroupsPageOptions {
  actor: MaybeActor;
  /**
   * Also list groups visible without membership (public, and internal for signed-in people).
   * GitLab's `all_available`: the default for anonymous callers (who have nothing else) and admins (who see all).
   */
  allAvailable?: boolean;
  /** Only groups where the actor is a direct Owner (`owned`). */
  owned?: boolean;
  /** Only groups where the actor's membership, direct or inherited, is at least this level. */
  minAccessLevel?: number;
  /** Matches name or full path, case-insensitively. */
  search?: string;
  topLevelOnly?: boolean;
  skipGroups?: number[];
  orderBy?: GroupListOrder;
  sort?: 'asc' | 'desc';
  limit: number;
  offset: number;
  now?: Date;
}

/** The visibilities the actor sees without being a member, as GitLab's `all_available` lists them. */
async function visibleVisibilities(actor: MaybeActor): Promise<Visibility[]> {
  const candidates: Visibility[] = ['public', 'internal'];
  const botsCanReadInternal = actor && actor.userType !== 'human' ? (await getInstanceSettings()).botsCanReadInternalProjects : true;
  return candidates.filter((visibility) => visibleWithoutMembership(visibility, actor, { botsCanReadInternal }));
}

/**
 * One page of GitLab's `GET /groups`: for a person, the groups they belong to and every group below
 * those (plus, with `allAvailable`, every group they may see); for admins every group; for anonymous
 * callers the public ones. Filtering, ordering and paging happen in one query, so the cost does not
 * grow with the number of groups on the instance.
 */
export async function groupsPage(options: GroupsPageOptions): Promise<{ ids: number[]; total: number }> {
  const { actor } = options;
  const today = utcDate(options.now ?? new Date());
  // Project bots belong to one project: group memberships never apply to them.
  const level =
    actor && actor.userType === 'human'
      ? sql`(select max(gm.access_level) from group_members gm where gm.user_id = ${actor.id}
          and gm.group_id = any(n.traversal_ids) and (gm.expires_at is null or gm.expires_at > ${today}::date))`
      : sql`null::integer`;
  const filters: SQL[] = [sql`n.kind = 'group'`];
  if (!actor?.isAdmin) {
    const allAvailable = options.allAvailable ?? !actor;
    const visibilities = allAvailable ? await visibleVisibilities(actor) : [];
    filters.push(
      visibilities.length > 0
        ? sql`(${level} is not null or n.visibility::text in (${sql.join(
            visibilities.map((visibility) => sql`${visibility}`),
            sql`, `,
          )}))`
        : sql`${level} is not null`,
    );
  }
  if (options.owned) {
    filters.push(
      actor
        ? sql`exists (select 1 from group_members gm where gm.group_id = n.id and gm.user_id = ${actor.id}
            and gm.access_level = ${AccessLevel.Owner} and (gm.expires_at is null or gm.expires_at > ${today}::date))`
        : sql`false`,
    );
  }
  if (options.minAccessLevel !== undefined) filters.push(sql`coalesce(${level}, 0) >= ${options.minAccessLevel}`);
  if (options.topLevelOnly) filters.push(sql`n.parent_id is null`);
  if (options.skipGroups?.length) {
    filters.push(
      sql`n.id not in (${sql.join(
        options.skipGroups.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  const search = options.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    filters.push(sql`(n.name ilike ${pattern} or n.full_path ilike ${pattern})`);
  }
  const where = sql.join(filters, sql` and `);
  const direction = options.sort === 'desc' ? sql.raw('desc') : sql.raw('asc');
  const orderBy = {
    name: sql`lower(n.name) ${direction}, n.id ${direction}`,
    path: sql`lower(n.full_path) ${direction}, n.id ${direction}`,
    id: sql`n.id ${direction}`,
  }[options.orderBy ?? 'name'];
  const database = await db();
  const result = await database.execute(sql`
    select n.id, count(*) over () as total from namespaces n
    where ${where}
    order by ${orderBy}
    limit ${options.limit} offset ${options.offset}`);
  const rows = (result as unknown as { rows: { id: number; total: string | number }[] }).rows;
  if (rows.length > 0) return { ids: rows.map((row) => Number(row.id)), total: Number(rows[0]!.total) };
  // A page past the end carries no total of its own.
  const counted = await database.execute(sql`select count(*) as total from namespaces n where ${where}`);
  return { ids: [], total: Number((counted as unknown as { rows: { total: string | number }[] }).rows[0]?.total ?? 0) };
}
