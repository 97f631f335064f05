import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { groupMembers, namespaces, projectMembers, users } from '@/db/schema';
import { db } from '@/db/client';
import { isMemberAccessLevel } from '../access-levels';
import type { Actor, MaybeActor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { hasEnded, parseIsoDate, utcDate } from '../dates';
import { AppError, isUniqueViolation } from '../errors';
import { memberIsCurrent } from '../permissions';
import { findProjectForActionOrThrow } from '../projects/projects';
import { findUserByUsername } from '../users/users';
import { memberChangeAllowed } from './rules';

export interface MemberDto {
  userId: number;
  username: string;
  name: string;
  isBot: boolean;
  accessLevel: number;
  expiresAt: string | null;
  memberSince: Date;
  /** Where the membership comes from: the project itself, or an ancestor group. */
  source: { type: 'project' } | { type: 'group'; id: number; name: string; fullPath: string };
}

/**
 * Everyone with a membership that reaches the project: direct members and members of its
 * group and that group's ancestors. Where a user has several, the highest level is listed.
 */
export async function listProjectMembers(
  actor: MaybeActor,
  projectId: number,
  { now = new Date() }: { now?: Date } = {},
): Promise<MemberDto[]> {
  const view = await findProjectForActionOrThrow(actor, projectId, 'read_members');
  const database = await db();
  const today = utcDate(now);
  const direct = await database
    .select({ member: projectMembers, user: users })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(eq(projectMembers.projectId, projectId), memberIsCurrent(projectMembers.expiresAt, today)));
  const groupIds = view.namespace.kind === 'group' ? view.namespace.traversalIds : [];
  const inherited =
    groupIds.length === 0
      ? []
      : await database
          .select({ member: groupMembers, user: users, group: { id: namespaces.id, name: namespaces.name, fullPath: namespaces.fullPath } })
          .from(groupMembers)
          .innerJoin(users, eq(users.id, groupMembers.userId))
          .innerJoin(namespaces, eq(namespaces.id, groupMembers.groupId))
          .where(and(inArray(groupMembers.groupId, groupIds), memberIsCurrent(groupMembers.expiresAt, today)));
  const byUser = new Map<number, MemberDto>();
  const consider = (dto: MemberDto) => {
    const existing = byUser.get(dto.userId);
    if (!existing || dto.accessLevel > existing.accessLevel) byUser.set(dto.userId, dto);
  };
  for (const { member, user } of direct) {
    consider({
      userId: user.id,
      username: user.username,
      name: user.name,
      isBot: user.userType === 'project_bot',
      accessLevel: member.accessLevel,
      expiresAt: member.expiresAt,
      memberSince: member.createdAt,
      source: { type: 'project' },
    });
  }
  for (const { member, user, group } of inherited) {
    consider({
      userId: user.id,
      username: user.username,
      name: user.name,
      isBot: user.userType === 'project_bot',
      accessLevel: member.accessLevel,
      expiresAt: member.expiresAt,
      memberSince: member.createdAt,
      source: { type: 'group', ...group },
    });
  }
  return [...byUser.values()].sort((a, b) => b.accessLevel - a.accessLevel || a.username.localeCompare(b.username));
}

export interface AddProjectMemberOptions {
  actor: Actor;
  projectId: number;
  username: string;
  accessLevel: number;
  /** `YYYY-MM-DD`; the membership ends at the start of that day (UTC). */
  expiresAt?: string | null;
  now?: Date;
  ipAddress?: string | null;
}

/** Adds an existing user to a project with a role, by GitLab's rules. */
export async function addProjectMember(options: AddProjectMemberOptions): Promise<void> {
  const { actor, projectId, now = new Date() } = options;
  const view = await findProjectForActionOrThrow(actor, projectId, 'manage_members');
  if (!isMemberAccessLevel(options.accessLevel)) throw new AppError('invalid', 'Role is not valid', 'accessLevel');
  if (!memberChangeAllowed({ actorLevel: view.access.level, action: 'add', newLevel: options.accessLevel })) {
    throw new AppError('forbidden', 'You cannot give a role higher than your own; only Owners can add Owners', 'accessLevel');
  }
  let expiresAt: string | null = null;
  if (options.expiresAt) {
    expiresAt = parseIsoDate(options.expiresAt);
    if (!expiresAt) throw new AppError('invalid', 'Expiration date must be a date (YYYY-MM-DD)', 'expiresAt');
    if (hasEnded(expiresAt, now)) throw new AppError('invalid', 'Expiration date must be in the future', 'expiresAt');
  }
  const database = await db();
  const user = await findUserByUsername(options.username.trim().replace(/^@/, ''));
  if (!user || user.userType === 'ghost') throw new AppError('not_found', `User "${options.username}" not found`, 'username');
  if (user.userType !== 'human') {
    throw new AppError('invalid', 'Bot users belong to one project and cannot be added to any other project or group', 'username');
  }
  if (user.state !== 'active') throw new AppError('invalid', 'Blocked users cannot be added', 'username');
  try {
    await database.transaction(async (tx) => {
      await tx
        .insert(projectMembers)
        .values({ projectId, userId: user.id, accessLevel: options.accessLevel, expiresAt, createdById: actor.id });
      await recordAuditEvent(tx, {
        author: actor,
        action: 'member_added',
        target: { type: 'Project', id: projectId, name: view.project.fullPath },
        details: { userId: user.id, username: user.username, accessLevel: options.accessLevel, expiresAt },
        ipAddress: options.ipAddress,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'project_members_project_user_idx')) {
      throw new AppError('conflict', `${user.username} is already a member of this project; change their role instead`, 'username');
    }
    throw error;
  }
}
