import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { utcDate } from '../dates';
import { loadMemberSource, type MemberSourceRef } from './member-source';

export interface MemberDto {
  userId: number;
  username: string;
  name: string;
  isBot: boolean;
  /** The user's account state: a blocked user's membership stays listed. */
  state: 'active' | 'blocked';
  accessLevel: number;
  expiresAt: string | null;
  memberSince: Date;
  /** Where the membership comes from: this project or group itself, or an ancestor group. */
  source: { type: 'direct' } | { type: 'inherited'; groupId: number; groupName: string; groupFullPath: string };
}

export const MEMBER_FILTERS = ['all', 'direct', 'inherited', 'bots'] as const;
export const MEMBER_SORTS = ['name_asc', 'name_desc', 'access_level_desc', 'access_level_asc', 'last_joined', 'oldest_joined'] as const;
export type MemberFilter = (typeof MEMBER_FILTERS)[number];
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const DEFAULT_MEMBERS_PER_PAGE = 20;
export const MAX_MEMBERS_PER_PAGE = 100;

export interface ListMembersOptions {
  actor: MaybeActor;
  source: MemberSourceRef;
  /** Matches name or username, case-insensitively. */
  search?: string;
  filter?: MemberFilter;
  /** Only this user's membership (the API's `/members/:user_id`). */
  userId?: number;
  sort?: MemberSort;
  /** 1-based. */
  page?: number;
  perPage?: number;
  now?: Date;
}

export interface MemberPage {
  members: MemberDto[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
}

const ORDER: Record<MemberSort, SQL> = {
  name_asc: sql`lower(u.name) asc, u.id asc`,
  name_desc: sql`lower(u.name) desc, u.id desc`,
  access_level_desc: sql`b.access_level desc, lower(u.name) asc, u.id asc`,
  access_level_asc: sql`b.access_level asc, lower(u.name) asc, u.id asc`,
  last_joined: sql`b.created_at desc, u.id desc`,
  oldest_joined: sql`b.created_at asc, u.id asc`,
};

const FILTER: Record<MemberFilter, SQL> = {
  all: sql`true`,
  direct: sql`b.group_id is null`,
  inherited: sql`b.group_id is not null`,
  bots: sql`u.user_type = 'project_bot'`,
};

/** `%` and `_` typed into the search box mean themselves. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Everyone whose membership reaches the project or group: its own members and those of the
 * groups above it. A user with several memberships is listed once, with the highest level
 * (a direct one wins a tie). Searching, filtering, sorting and paging all happen in one query,
 * so the page stays fast with thousands of members.
 */
export async function listMembers(options: ListMembersOptions): Promise<MemberPage> {
  const database = await db();
  const source = await loadMemberSource(database, options.actor, options.source);
  const today = utcDate(options.now ?? new Date());
  const perPage = Math.min(Math.max(1, Math.trunc(options.perPage ?? DEFAULT_MEMBERS_PER_PAGE)), MAX_MEMBERS_PER_PAGE);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const search = options.search?.trim() ?? '';
  const direct = source.type === 'project' ? sql.raw('project_members') : sql.raw('group_members');
  const sourceColumn = source.type === 'project' ? sql.raw('project_id') : sql.raw('group_id');
  const inherited =
    source.inheritedGroupIds.length > 0
      ? sql`union all
        select gm.user_id, gm.access_level, gm.expires_at, gm.created_at, gm.group_id
        from group_members gm
        where gm.group_id in (${sql.join(
          source.inheritedGroupIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          and (gm.expires_at is null or gm.expires_at > ${today}::date)`
      : sql``;
  const result = await database.execute(sql`
    with candidates as (
      select m.user_id, m.access_level, m.expires_at, m.created_at, null::integer as group_id
      from ${direct} m
      where m.${sourceColumn} = ${source.id} and (m.expires_at is null or m.expires_at > ${today}::date)
      ${inherited}
    ), best as (
      select distinct on (user_id) * from candidates order by user_id, access_level desc, (group_id is null) desc
    )
    select b.user_id, b.access_level, b.expires_at::text as expires_at, b.created_at, b.group_id,
           u.username, u.name, u.user_type, u.state, n.name as group_name, n.full_path as group_full_path,
           count(*) over () as total
    from best b
    join users u on u.id = b.user_id
    left join namespaces n on n.id = b.group_id
    where ${FILTER[options.filter ?? 'all']}
      and (${options.userId ?? null}::integer is null or b.user_id = ${options.userId ?? null}::integer)
      and (${search} = '' or u.username ilike ${likePattern(search)} or u.name ilike ${likePattern(search)})
    order by ${ORDER[options.sort ?? 'name_asc']}
    limit ${perPage} offset ${(page - 1) * perPage}
  `);
  const rows = (result as unknown as { rows: MemberRow[] }).rows;
  const total = Number(rows[0]?.total ?? (page > 1 ? await countOnly(options) : 0));
  return {
    members: rows.map(toMemberDto),
    total,
    page,
    perPage,
    totalPages: Math.max(1, Math.ceil(total / perPage)),
  };
}

/** A page past the end has no rows to carry the total; ask for the first page's. */
async function countOnly(options: ListMembersOptions): Promise<number> {
  return (await listMembers({ ...options, page: 1, perPage: 1 })).total;
}

interface MemberRow {
  user_id: number;
  access_level: number;
  expires_at: string | null;
  created_at: Date | string;
  group_id: number | null;
  username: string;
  name: string;
  user_type: string;
  state: string;
  group_name: string | null;
  group_full_path: string | null;
  total: number | string;
}

function toMemberDto(row: MemberRow): MemberDto {
  return {
    userId: Number(row.user_id),
    username: row.username,
    name: row.name,
    isBot: row.user_type === 'project_bot',
    state: row.state === 'blocked' ? 'blocked' : 'active',
    accessLevel: Number(row.access_level),
    expiresAt: row.expires_at,
    memberSince: new Date(row.created_at),
    source:
      row.group_id === null
        ? { type: 'direct' }
        : { type: 'inherited', groupId: Number(row.group_id), groupName: row.group_name ?? '', groupFullPath: row.group_full_path ?? '' },
  };
}
