import 'server-only';
import { and, eq, inArray, isNull, gt, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { groupMembers, namespaces, projectMembers, type Namespace, type Project, type Visibility } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import { AccessLevel } from '../access-levels';
import type { MaybeActor } from '../actor';
import { utcDate } from '../dates';
import { getInstanceSettings } from '../settings/instance-settings';
import type { Access } from './rules';
import { visibleWithoutMembership } from './visibility';

export interface AccessOptions {
  now?: Date;
  executor?: Executor;
}

/**
 * Whether the actor sees something of this visibility without a membership. Only for a bot and an
 * Internal resource does the answer depend on the instance ("Project bots can read Internal
 * projects"), so only then are the settings read.
 */
async function visibleToActor(executor: Executor, visibility: Visibility, actor: MaybeActor): Promise<boolean> {
  if (visibility !== 'internal' || !actor || actor.userType === 'human') return visibleWithoutMembership(visibility, actor);
  const { botsCanReadInternalProjects } = await getInstanceSettings(executor);
  return visibleWithoutMembership(visibility, actor, { botsCanReadInternal: botsCanReadInternalProjects });
}

/** A membership counts until the start of its expiry date (UTC). */
export const memberIsCurrent = (expiresAt: AnyPgColumn, today: string) => or(isNull(expiresAt), gt(expiresAt, today));

/** Highest current membership level of a user in any of the given groups. */
async function highestGroupLevel(executor: Executor, userId: number, groupIds: number[], today: string) {
  if (groupIds.length === 0) return AccessLevel.NoAccess;
  const [row] = await executor
    .select({ level: sql<number | null>`max(${groupMembers.accessLevel})` })
    .from(groupMembers)
    .where(and(eq(groupMembers.userId, userId), inArray(groupMembers.groupId, groupIds), memberIsCurrent(groupMembers.expiresAt, today)));
  return row?.level ?? AccessLevel.NoAccess;
}

/** The actor's effective level on a group: direct or inherited from any ancestor group. */
export async function groupAccess(
  actor: MaybeActor,
  group: Pick<Namespace, 'id' | 'traversalIds' | 'visibility'>,
  { now = new Date(), executor }: AccessOptions = {},
): Promise<Access> {
  if (!actor) return { level: AccessLevel.NoAccess, canView: visibleWithoutMembership(group.visibility, actor) };
  if (actor.isAdmin) return { level: AccessLevel.Owner, canView: true };
  const run = executor ?? (await db());
  const level = await highestGroupLevel(run, actor.id, group.traversalIds, utcDate(now));
  return { level, canView: level > AccessLevel.NoAccess || (await visibleToActor(run, group.visibility, actor)) };
}

/**
 * The actor's effective level on a project: the highest of a direct membership, a membership of
 * the project's group or any ancestor, and Owner for the owner of a personal namespace.
 */
export async function projectAccess(
  actor: MaybeActor,
  project: Pick<Project, 'id' | 'namespaceId' | 'visibility'>,
  { now = new Date(), executor }: AccessOptions = {},
): Promise<Access> {
  if (!actor) return { level: AccessLevel.NoAccess, canView: visibleWithoutMembership(project.visibility, actor) };
  if (actor.isAdmin) return { level: AccessLevel.Owner, canView: true };
  const run = executor ?? (await db());
  const today = utcDate(now);
  const [namespace] = await run
    .select({ kind: namespaces.kind, ownerId: namespaces.ownerId, traversalIds: namespaces.traversalIds })
    .from(namespaces)
    .where(eq(namespaces.id, project.namespaceId));
  let level: number = AccessLevel.NoAccess;
  if (namespace?.kind === 'user' && namespace.ownerId === actor.id) {
    level = AccessLevel.Owner;
  } else {
    const [direct] = await run
      .select({ level: projectMembers.accessLevel })
      .from(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, project.id),
          eq(projectMembers.userId, actor.id),
          memberIsCurrent(projectMembers.expiresAt, today),
        ),
      );
    // A project bot belongs to exactly one project; group memberships never apply to it.
    const inherited =
      namespace?.kind === 'group' && actor.userType === 'human'
        ? await highestGroupLevel(run, actor.id, namespace.traversalIds, today)
        : AccessLevel.NoAccess;
    level = Math.max(direct?.level ?? AccessLevel.NoAccess, inherited);
  }
  return { level, canView: level > AccessLevel.NoAccess || (await visibleToActor(run, project.visibility, actor)) };
}
