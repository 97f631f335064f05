import 'server-only';
import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { users, type User, type UserType } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor, MaybeActor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { AppError } from '../errors';
import { assertInstanceAdmin } from '../permissions';
import { blockProblem, userKind, type UserKind } from './user-rules';
import { forgettingCachedAuthentications } from '../tokens/authentication-cache';

export const ADMIN_USERS_PER_PAGE = 20;

/** A user as Admin > Users lists it: explicit fields, never the password hash. */
export interface AdminUserDto {
  id: number;
  username: string;
  name: string;
  email: string;
  kind: UserKind;
  isAdmin: boolean;
  state: 'active' | 'blocked';
  createdAt: Date;
  /** Whether this admin may block or unblock the user here. */
  canBlock: boolean;
}

export interface ListAdminUsersOptions {
  actor: MaybeActor;
  /** Part of the username, name or e-mail, case-insensitive. */
  search?: string;
  kind?: UserKind;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface AdminUserPage {
  users: AdminUserDto[];
  total: number;
  page: number;
  totalPages: number;
}

type UserRow = Pick<User, 'id' | 'username' | 'name' | 'email' | 'userType' | 'isAdmin' | 'state' | 'createdAt'>;

function toAdminUserDto(row: UserRow, actor: Actor): AdminUserDto {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    email: row.email,
    kind: userKind(row.userType),
    isAdmin: row.isAdmin,
    state: row.state,
    createdAt: row.createdAt,
    canBlock: blockProblem(actor, row) === null,
  };
}

const TYPES_OF_KIND: Record<UserKind, UserType[]> = { human: ['human'], bot: ['project_bot', 'group_bot'], ghost: ['ghost'] };

/** `%`, `_` and `\` typed into a search box are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Every user (people, bots and the ghost), filtered and paginated; admins only. */
export async function listUsersForAdmin(options: ListAdminUsersOptions): Promise<AdminUserPage> {
  const { actor } = options;
  assertInstanceAdmin(actor);
  const perPage = options.perPage ?? ADMIN_USERS_PER_PAGE;
  const conditions: SQL[] = [];
  const search = options.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    const matches = or(sql`${users.username} ilike ${pattern}`, sql`${users.name} ilike ${pattern}`, sql`${users.email} ilike ${pattern}`);
    if (matches) conditions.push(matches);
  }
  if (options.kind) conditions.push(inArray(users.userType, TYPES_OF_KIND[options.kind]));
  const where = conditions.length ? and(...conditions) : undefined;
  const database = await db();
  const [totalRow] = await database.select({ value: count() }).from(users).where(where);
  const total = totalRow?.value ?? 0;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), totalPages);
  const rows = await database
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      email: users.email,
      userType: users.userType,
      isAdmin: users.isAdmin,
      state: users.state,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(where)
    .orderBy(asc(sql`lower(${users.username})`), asc(users.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return {
    users: rows.map((row) => toAdminUserDto(row, actor)),
    total,
    page,
    totalPages,
  };
}

export interface SetUserBlockedOptions {
  /** Must be an instance admin. */
  actor: MaybeActor;
  userId: number;
  ipAddress?: string | null;
}

/**
 * Blocks or unblocks a person, with an audit event. A blocked user cannot sign in, their open
 * sessions end at the next request (every request re-reads the user) and their tokens stop working.
 */
async function setUserBlocked(options: SetUserBlockedOptions, blocked: boolean): Promise<AdminUserDto> {
  const { actor } = options;
  assertInstanceAdmin(actor);
  const database = await db();
  return forgettingCachedAuthentications(
    database.transaction(async (tx) => {
      const [target] = await tx.select().from(users).where(eq(users.id, options.userId)).for('update');
      if (!target) throw new AppError('not_found', 'User not found');
      const problem = blockProblem(actor, target);
      if (problem) throw new AppError('forbidden', problem);
      const state = blocked ? 'blocked' : 'active';
      let saved = target;
      if (target.state !== state) {
        const [updated] = await tx.update(users).set({ state }).where(eq(users.id, target.id)).returning();
        if (!updated) throw new AppError('not_found', 'User not found');
        saved = updated;
        await recordAuditEvent(tx, {
          author: actor,
          action: blocked ? 'user_blocked' : 'user_unblocked',
          target: { type: 'User', id: target.id, name: target.username },
          ipAddress: options.ipAddress,
        });
      }
      return toAdminUserDto(saved, actor);
    }),
  );
}

export function blockUser(options: SetUserBlockedOptions): Promise<AdminUserDto> {
  return setUserBlocked(options, true);
}

export function unblockUser(options: SetUserBlockedOptions): Promise<AdminUserDto> {
  return setUserBlocked(options, false);
}
