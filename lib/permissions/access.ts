import 'server-only';
import { and, eq, inArray, isNull, gt, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { groupMembers, namespaces, type Namespace, type Project, type Visibility } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import { AccessLevel } from '../access-levels';
import type { MaybeActor } from '../actor';
import { utcDate } from '../dates';
import { getInstanceSettings } from '../settings/instance-settings';
import type { Access } from './rules';
import { visibleWithoutMembership } from './visibility';

export interface ProjectAccessOptions extends AccessOptions {
  /** The project's namespace, when the caller has already read it (saves a query per request). */
  namespace?: Pick<Namespace, 'kind' | 'ownerId' | 'traversalIds'>;
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

/**
 * The actor's effective level on a project: the highest of a direct membership, a membership of
 * the project's group or any ancestor, and Owner for the owner of a personal namespace.
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
  const today = utcDate(now);
  const namespace =
    options.namespace ??
    (
      await run
        .select({ kind: namespaces.kind, ownerId: namespaces.ownerId, traversalIds: namespaces.traversalIds })
        .from(namespaces)
        .where(eq(namespaces.id, project.namespaceId))
    )[0];
  let level: number = AccessLevel.NoAccess;
  if (namespace?.kind === 'user' && namespace.ownerId === actor.id) {
    level = AccessLevel.Owner;
  } else {
    // A project bot belongs to exactly one project; group memberships never apply to it.
    const groupIds = namespace?.kind === 'group' && actor.userType === 'human' ? namespace.traversalIds : [];
    // Direct and inherited memberships in one round trip: this runs on every API request.
    const result = await run.execute(sql`
      select max(access_level) as level from (
        select access_level from project_members
        where project_id = ${project.id} and user_id = ${actor.id} and (expires_at is null or expires_at > ${today}::date)
        ${
          groupIds.length > 0
            ? sql`union all
        select access_level from group_members
        where user_id = ${actor.id} and group_id in (${sql.join(
          groupIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and (expires_at is null or expires_at > ${today}::date)`
            : sql``
        }
      ) memberships`);
    const found = (result as unknown as { rows: { level: number | string | null }[] }).rows[0]?.level;
    level = found === null || found === undefined ? AccessLevel.NoAccess : Number(found);
  }
  return { level, canView: level > AccessLevel.NoAccess || (await visibleToActor(run, project.visibility, actor)) };
}
