import 'server-only';
import { and, eq, inArray, isNull, gt, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { groupMembers, namespaces, projectMembers, projects, type Namespace, type Project, type Visibility } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import { AccessLevel } from '../access-levels';
import type { Actor, MaybeActor } from '../actor';
import { utcDate } from '../dates';
import { getInstanceSettings } from '../settings/instance-settings';
import type { Access } from './rules';
import { visibleWithoutMembership } from './visibility';

export interface ProjectAccessOptions extends AccessOptions {
  /** The project's namespace, when the caller has already read it. */
  namespace?: Pick<Namespace, 'kind' | 'ownerId' | 'traversalIds'>;
  /** membershipLevelSql's answer, when the caller's query already included it. */
  membershipLevel?: number | null;
}

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

/** Whose membership, as of which day: values, or placeholders of a prepared statement. */
export interface MembershipQuery {
  userId: number | Placeholder;
  /** YYYY-MM-DD (UTC): memberships expiring on or before it no longer count. */
  today: string | Placeholder;
  /** Whether group memberships count: not for project bots, which belong to exactly one project. */
  includeGroups: boolean;
}

/**
 * The user's highest current membership level on the project of the surrounding query's
 * `projects` and `namespaces` rows: direct, or inherited from the project's group or any ancestor.
 * A correlated subquery, so a caller that reads the project anyway gets the level in the same round trip.
 */
export function membershipLevelSql({ userId, today, includeGroups }: MembershipQuery): SQL<number | null> {
  const inherited = includeGroups
    ? sql`union all
        select ${groupMembers.accessLevel} from ${groupMembers}
        where ${groupMembers.userId} = ${userId} and ${groupMembers.groupId} = any(${namespaces.traversalIds})
          and (${groupMembers.expiresAt} is null or ${groupMembers.expiresAt} > ${today}::date)`
    : sql``;
  return sql<number | null>`(select max(level) from (
        select ${projectMembers.accessLevel} as level from ${projectMembers}
        where ${projectMembers.projectId} = ${projects.id} and ${projectMembers.userId} = ${userId}
          and (${projectMembers.expiresAt} is null or ${projectMembers.expiresAt} > ${today}::date)
        ${inherited}
      ) memberships)`.mapWith((value: unknown) => (value === null || value === undefined ? null : Number(value)));
}

/** The membership query for an actor today. */
export function membershipOf(actor: Actor, now: Date): MembershipQuery {
  return { userId: actor.id, today: utcDate(now), includeGroups: actor.userType === 'human' };
}

/**
 * The actor's effective level on a project: the highest of a direct membership, a membership of
 * the project's group or any ancestor, and Owner for the owner of a personal namespace.
 * Pass `namespace` and `membershipLevel` when already read (findVisibleProject does): no query then.
 */
export async function projectAccess(
  actor: MaybeActor,
  project: Pick<Project, 'id' | 'namespaceId' | 'visibility'>,
  options: ProjectAccessOptions = {},
): Promise<Access> {
  const { now = new Date(), executor } = options;
  if (!actor) return { level: AccessLevel.NoAccess, canView: visibleWithoutMembership(project.visibility, actor) };
  if (actor.isAdmin) return { level: AccessLevel.Owner, canView: true };
  const run = executor ?? (await db());
  let { namespace, membershipLevel } = options;
  if (!namespace || membershipLevel === undefined) {
    const [row] = await run
      .select({
        kind: namespaces.kind,
        ownerId: namespaces.ownerId,
        traversalIds: namespaces.traversalIds,
        membershipLevel: membershipLevelSql(membershipOf(actor, now)),
      })
      .from(projects)
      .innerJoin(namespaces, eq(namespaces.id, projects.namespaceId))
      .where(eq(projects.id, project.id));
    namespace = row;
    membershipLevel = row?.membershipLevel ?? null;
  }
  const ownsNamespace = namespace?.kind === 'user' && namespace.ownerId === actor.id;
  const level = ownsNamespace ? AccessLevel.Owner : (membershipLevel ?? AccessLevel.NoAccess);
  return { level, canView: level > AccessLevel.NoAccess || (await visibleToActor(run, project.visibility, actor)) };
}
