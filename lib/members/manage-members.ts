import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { groupMembers, users, type User } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import { AccessLevel, accessLevelName, isMemberAccessLevel } from '../access-levels';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { hasEnded, parseIsoDate, utcDate } from '../dates';
import { AppError, isUniqueViolation } from '../errors';
import { memberIsCurrent } from '../permissions';
import { findUserByUsername } from '../users/users';
import { directMemberships, loadMemberSource, type MemberSource, type MemberSourceRef } from './member-source';
import { memberChangeAllowed, type MemberAction } from './rules';

interface ChangeContext {
  actor: Actor;
  source: MemberSourceRef;
  now?: Date;
  ipAddress?: string | null;
}

export interface AddMemberOptions extends ChangeContext {
  username: string;
  accessLevel: number;
  /** `YYYY-MM-DD`; the membership ends at the start of that day (UTC). */
  expiresAt?: string | null;
}

export interface ChangeMemberRoleOptions extends ChangeContext {
  userId: number;
  accessLevel: number;
  /** `YYYY-MM-DD`, null to never expire; left as it is when undefined. */
  expiresAt?: string | null;
}

export interface RemoveMemberOptions extends ChangeContext {
  userId: number;
}

const BOT_MESSAGE = 'Bot users cannot be changed or removed here; revoke their project access token instead';
const LAST_OWNER_MESSAGE = 'There must always be at least one Owner: add another Owner first';

function refuseUnlessAllowed(source: MemberSource, action: MemberAction, currentLevel?: number, newLevel?: number) {
  if (source.actorLevel < AccessLevel.Maintainer) throw new AppError('forbidden', 'You are not allowed to manage members here');
  if (!memberChangeAllowed({ actorLevel: source.actorLevel, action, currentLevel, newLevel })) {
    throw new AppError('forbidden', 'Only Owners can add, promote to, demote or remove Owners', 'accessLevel');
  }
}

function validLevel(level: number): number {
  if (!isMemberAccessLevel(level)) throw new AppError('invalid', 'Role is not valid', 'accessLevel');
  return level;
}

/** The highest current level a user inherits from groups above the source, and from which group. */
async function inheritedMembership(tx: Executor, source: MemberSource, userId: number, today: string) {
  if (source.inheritedGroupIds.length === 0) return null;
  const [row] = await tx
    .select({ accessLevel: groupMembers.accessLevel, groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(
      and(
        eq(groupMembers.userId, userId),
        inArray(groupMembers.groupId, source.inheritedGroupIds),
        memberIsCurrent(groupMembers.expiresAt, today),
      ),
    )
    .orderBy(sql`${groupMembers.accessLevel} desc`)
    .limit(1);
  return row ?? null;
}

/** GitLab's rule: a direct role may not be lower than what the user already inherits. */
async function refuseBelowInherited(tx: Executor, source: MemberSource, userId: number, level: number, today: string) {
  const inherited = await inheritedMembership(tx, source, userId, today);
  if (inherited && level < inherited.accessLevel) {
    throw new AppError(
      'invalid',
      `Access level should be greater than or equal to ${accessLevelName(inherited.accessLevel)} inherited membership from a parent group`,
      'accessLevel',
    );
  }
}

/** Whether an Owner other than `userId` can still reach the source once `userId` stops being one. */
async function anotherOwnerRemains(tx: Executor, source: MemberSource, userId: number, today: string): Promise<boolean> {
  if (source.implicitOwnerId !== null && source.implicitOwnerId !== userId) return true;
  const direct = directMemberships(tx, source);
  const groupIds = source.inheritedGroupIds;
  const result = await tx.execute(sql`
    select 1 from ${direct.table} m join users u on u.id = m.user_id
    where m.${direct.sourceColumn} = ${source.id} and m.user_id <> ${userId} and m.access_level = ${AccessLevel.Owner}
      and u.user_type = 'human' and (m.expires_at is null or m.expires_at > ${today}::date)
    ${
      groupIds.length > 0
        ? sql`union all select 1 from group_members gm join users u on u.id = gm.user_id
        where gm.group_id in (${sql.join(
          groupIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and gm.user_id <> ${userId}
          and gm.access_level = ${AccessLevel.Owner} and u.user_type = 'human' and (gm.expires_at is null or gm.expires_at > ${today}::date)`
        : sql``
    }
    limit 1`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}

/** The user a change is about, refused when it is a bot (bots are never edited by hand). */
async function targetUser(tx: Executor, userId: number): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('not_found', 'Member not found');
  if (user.userType !== 'human') throw new AppError('forbidden', BOT_MESSAGE);
  return user;
}

/** The direct membership a change is about; an inherited one is changed at its group. */
async function directMembershipOrThrow(tx: Executor, source: MemberSource, user: User, today: string) {
  const membership = await directMemberships(tx, source).find(user.id);
  if (membership) return membership;
  const inherited = await inheritedMembership(tx, source, user.id, today);
  if (inherited) {
    throw new AppError('invalid', `${user.username} is a member through a parent group; change the membership in that group`);
  }
  throw new AppError('not_found', 'Member not found');
}

/** A membership's expiry date: YYYY-MM-DD in the future, null for never, undefined when not given. */
function validExpiry(expiresAt: string | null | undefined, now: Date): string | null | undefined {
  if (expiresAt === undefined) return undefined;
  if (expiresAt === null || expiresAt === '') return null;
  const date = parseIsoDate(expiresAt);
  if (!date) throw new AppError('invalid', 'Expiration date must be a date (YYYY-MM-DD)', 'expiresAt');
  if (hasEnded(date, now)) throw new AppError('invalid', 'Expiration date must be in the future', 'expiresAt');
  return date;
}

/** Adds an existing person to a project or group with a role, by GitLab's rules. */
export async function addMember(options: AddMemberOptions): Promise<void> {
  const now = options.now ?? new Date();
  const today = utcDate(now);
  const accessLevel = validLevel(options.accessLevel);
  const expiresAt = validExpiry(options.expiresAt, now) ?? null;
  const username = options.username.trim().replace(/^@/, '');
  const database = await db();
  try {
    await database.transaction(async (tx) => {
      const source = await loadMemberSource(tx, options.actor, options.source, { lock: true });
      refuseUnlessAllowed(source, 'add', undefined, accessLevel);
      const user = await findUserByUsername(username, tx);
      if (!user || user.userType === 'ghost') throw new AppError('not_found', `User "${username}" not found`, 'username');
      if (user.userType !== 'human') {
        throw new AppError('invalid', 'Bot users belong to one project and cannot be added to any other project or group', 'username');
      }
      if (user.state !== 'active') throw new AppError('invalid', 'Blocked users cannot be added', 'username');
      if (await directMemberships(tx, source).find(user.id)) {
        throw new AppError('conflict', `${user.username} is already a member; change their role instead`, 'username');
      }
      await refuseBelowInherited(tx, source, user.id, accessLevel, today);
      await directMemberships(tx, source).insert({ userId: user.id, accessLevel, expiresAt, createdById: options.actor.id });
      await recordAuditEvent(tx, {
        author: options.actor,
        action: 'member_added',
        target: { type: source.type === 'project' ? 'Project' : 'Group', id: source.id, name: source.fullPath },
        details: { userId: user.id, username: user.username, accessLevel, expiresAt },
        ipAddress: options.ipAddress,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `${username} is already a member; change their role instead`, 'username');
    throw error;
  }
}

/** Changes a direct member's role and, when given, when the membership expires. */
export async function changeMemberRole(options: ChangeMemberRoleOptions): Promise<void> {
  const now = options.now ?? new Date();
  const today = utcDate(now);
  const accessLevel = validLevel(options.accessLevel);
  const expiresAt = validExpiry(options.expiresAt, now);
  const database = await db();
  await database.transaction(async (tx) => {
    const source = await loadMemberSource(tx, options.actor, options.source, { lock: true });
    if (source.actorLevel < AccessLevel.Maintainer) throw new AppError('forbidden', 'You are not allowed to manage members here');
    const user = await targetUser(tx, options.userId);
    const membership = await directMembershipOrThrow(tx, source, user, today);
    refuseUnlessAllowed(source, 'change_role', membership.accessLevel, accessLevel);
    const expiryChanges = expiresAt !== undefined && expiresAt !== membership.expiresAt;
    if (membership.accessLevel === accessLevel && !expiryChanges) return;
    if (membership.accessLevel !== accessLevel) {
      await refuseBelowInherited(tx, source, user.id, accessLevel, today);
      if (membership.accessLevel === AccessLevel.Owner && !(await anotherOwnerRemains(tx, source, user.id, today))) {
        throw new AppError('invalid', LAST_OWNER_MESSAGE, 'accessLevel');
      }
    }
    await directMemberships(tx, source).update(user.id, { accessLevel, ...(expiresAt !== undefined ? { expiresAt } : {}) });
    await recordAuditEvent(tx, {
      author: options.actor,
      action: 'member_role_changed',
      target: { type: source.type === 'project' ? 'Project' : 'Group', id: source.id, name: source.fullPath },
      details: {
        userId: user.id,
        username: user.username,
        from: membership.accessLevel,
        to: accessLevel,
        ...(expiryChanges ? { expiresAt: { from: membership.expiresAt, to: expiresAt } } : {}),
      },
      ipAddress: options.ipAddress,
    });
  });
}

/** Removes a direct member. */
export async function removeMember(options: RemoveMemberOptions): Promise<void> {
  const today = utcDate(options.now ?? new Date());
  const database = await db();
  await database.transaction(async (tx) => {
    const source = await loadMemberSource(tx, options.actor, options.source, { lock: true });
    if (source.actorLevel < AccessLevel.Maintainer) throw new AppError('forbidden', 'You are not allowed to manage members here');
    const user = await targetUser(tx, options.userId);
    const membership = await directMembershipOrThrow(tx, source, user, today);
    refuseUnlessAllowed(source, 'remove', membership.accessLevel);
    if (membership.accessLevel === AccessLevel.Owner && !(await anotherOwnerRemains(tx, source, user.id, today))) {
      throw new AppError('invalid', LAST_OWNER_MESSAGE);
    }
    await directMemberships(tx, source).remove(user.id);
    await recordAuditEvent(tx, {
      author: options.actor,
      action: 'member_removed',
      target: { type: source.type === 'project' ? 'Project' : 'Group', id: source.id, name: source.fullPath },
      details: { userId: user.id, username: user.username, accessLevel: membership.accessLevel },
      ipAddress: options.ipAddress,
    });
  });
}
