import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { utcDate } from '../dates';
import { visibleWithoutMembership } from '../permissions';
import { getInstanceSettings } from '../settings/instance-settings';

export interface VisibleProjectRow {
  id: number;
  name: string;
  path: string;
  fullPath: string;
  description: string;
  visibility: 'private' | 'internal' | 'public';
  createdAt: Date;
  namespace: { id: number; name: string; path: string; fullPath: string; kind: 'group' | 'user' };
}

export interface ListVisibleProjectsOptions {
  actor: MaybeActor;
  /** Only projects the actor is a member of (directly, through a group, or as personal owner). */
  membership?: boolean;
  /** Only projects in the actor's personal namespace. */
  owned?: boolean;
  /** Matches name or path, case-insensitively. */
  search?: string;
  /** Sort field and direction, as GitLab's `order_by`/`sort`. */
  orderBy?: 'id' | 'name' | 'path' | 'created_at';
  sort?: 'asc' | 'desc';
  limit: number;
  offset: number;
  now?: Date;
}

/**
 * The projects an actor may see, in one query: public ones, internal ones for signed-in users
 * (bots per instance setting), and private ones they belong to. Admins see all.
 */
export async function listVisibleProjects(options: ListVisibleProjectsOptions): Promise<{ rows: VisibleProjectRow[]; total: number }> {
  const { actor } = options;
  const database = await db();
  const today = utcDate(options.now ?? new Date());
  const settings = await getInstanceSettings(database);
  const internalVisible = visibleWithoutMembership('internal', actor, { botsCanReadInternal: settings.botsCanReadInternalProjects });
  const isMember: SQL = actor
    ? sql`(
        n.owner_id = ${actor.id}
        or exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.id}
                   and (pm.expires_at is null or pm.expires_at > ${today}::date))
        or (${actor.userType === 'human'} and exists (select 1 from group_members gm where gm.user_id = ${actor.id}
                   and gm.group_id = any(n.traversal_ids) and (gm.expires_at is null or gm.expires_at > ${today}::date))))`
    : sql`false`;
  const visible: SQL = actor?.isAdmin
    ? sql`true`
    : sql`(p.visibility = 'public' ${internalVisible ? sql`or p.visibility = 'internal'` : sql``} or ${isMember})`;
  const filters: SQL[] = [visible];
  if (options.membership) filters.push(isMember);
  if (options.owned) filters.push(actor ? sql`n.owner_id = ${actor.id}` : sql`false`);
  const search = options.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    filters.push(sql`(p.name ilike ${pattern} or p.path ilike ${pattern})`);
  }
  const column = { id: sql`p.id`, name: sql`lower(p.name)`, path: sql`lower(p.path)`, created_at: sql`p.created_at` }[
    options.orderBy ?? 'created_at'
  ];
  const direction = options.sort === 'asc' ? sql`asc` : sql`desc`;
  const result = await database.execute(sql`
    select p.id, p.name, p.path, p.full_path, p.description, p.visibility, p.created_at,
           n.id as namespace_id, n.name as namespace_name, n.path as namespace_path, n.full_path as namespace_full_path, n.kind as namespace_kind,
           count(*) over () as total
    from projects p join namespaces n on n.id = p.namespace_id
    where ${sql.join(filters, sql` and `)}
    order by ${column} ${direction}, p.id ${direction}
    limit ${options.limit} offset ${options.offset}`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((row) => ({
      id: Number(row.id),
      name: String(row.name),
      path: String(row.path),
      fullPath: String(row.full_path),
      description: String(row.description),
      visibility: row.visibility as VisibleProjectRow['visibility'],
      createdAt: new Date(row.created_at as string),
      namespace: {
        id: Number(row.namespace_id),
        name: String(row.namespace_name),
        path: String(row.namespace_path),
        fullPath: String(row.namespace_full_path),
        kind: row.namespace_kind as 'group' | 'user',
      },
    })),
  };
}
