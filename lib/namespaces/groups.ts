import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { groupMembers, namespaces, type Namespace, type Visibility } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import { AccessLevel } from '../access-levels';
import type { Actor, MaybeActor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { AppError } from '../errors';
import { listVisibleProjectsInNamespace, type ProjectSummary } from '../projects/projects';
import { canOnGroup, groupAccess, type Access, type GroupAction } from '../permissions';
import { getInstanceSettings } from '../settings/instance-settings';
import { nameProblem, pathProblem } from './paths';
import { assertPathFree, claimRoute, rethrowPathConflict } from './routes';

/** Deepest nesting GitLab allows for subgroups. */
export const MAX_GROUP_DEPTH = 20;

export interface GroupSummary {
  id: number;
  name: string;
  path: string;
  fullPath: string;
  description: string;
  visibility: Visibility;
  parentId: number | null;
  isTopLevel: boolean;
}

export function toGroupSummary(group: Namespace): GroupSummary {
  return {
    id: group.id,
    name: group.name,
    path: group.path,
    fullPath: group.fullPath,
    description: group.description,
    visibility: group.visibility,
    parentId: group.parentId,
    isTopLevel: group.parentId === null,
  };
}

export interface CreateGroupOptions {
  actor: Actor;
  name: string;
  path: string;
  description?: string;
  visibility?: Visibility;
  /** The parent group's id for a subgroup; the actor must be allowed to create subgroups there. */
  parentId?: number | null;
  ipAddress?: string | null;
}

/** Creates a group (or subgroup) with the actor as its Owner. */
export async function createGroup(options: CreateGroupOptions): Promise<GroupSummary> {
  const { actor } = options;
  if (actor.userType !== 'human') throw new AppError('forbidden', 'Only people can create groups');
  const name = options.name.trim();
  const path = options.path.trim();
  const nameIssue = nameProblem(name);
  if (nameIssue) throw new AppError('invalid', `Group name ${nameIssue}`, 'name');
  const parentId = options.parentId ?? null;
  const pathIssue = pathProblem(path, parentId === null ? 'top-level' : 'child');
  if (pathIssue) throw new AppError('invalid', `Group URL ${pathIssue}`, 'path');
  const visibility = options.visibility ?? 'private';

  const database = await db();
  return database
    .transaction(async (tx) => {
      let fullPath = path;
      let parentTraversal: number[] = [];
      if (parentId !== null) {
        const [parent] = await tx
          .select()
          .from(namespaces)
          .where(and(eq(namespaces.id, parentId), eq(namespaces.kind, 'group')))
          .for('share');
        const access = parent ? await groupAccess(actor, parent, { executor: tx }) : null;
        if (!parent || !access?.canView) throw new AppError('not_found', 'Parent group not found', 'parentId');
        if (!canOnGroup(access, 'create_subgroup')) {
          throw new AppError('forbidden', 'You are not allowed to create subgroups in this group', 'parentId');
        }
        if (parent.traversalIds.length >= MAX_GROUP_DEPTH) {
          throw new AppError('invalid', `Groups can be nested at most ${MAX_GROUP_DEPTH} levels deep`, 'parentId');
        }
        if (visibilityRank(visibility) > visibilityRank(parent.visibility)) {
          throw new AppError('invalid', `Visibility can't be more open than the parent group's (${parent.visibility})`, 'visibility');
        }
        fullPath = `${parent.fullPath}/${path}`;
        parentTraversal = parent.traversalIds;
      }
      await assertPathFree(tx, fullPath);
      // The token-creation switch lives on top-level groups; a new one starts with the instance's default.
      const resourceAccessTokenCreationAllowed =
        parentId === null ? (await getInstanceSettings(tx)).projectAccessTokenCreationDefault : true;
      const [group] = await tx
        .insert(namespaces)
        .values({
          kind: 'group',
          name,
          path,
          fullPath,
          description: options.description?.trim() ?? '',
          visibility,
          parentId,
          resourceAccessTokenCreationAllowed,
        })
        .returning();
      if (!group) throw new Error('insert returned no group');
      const traversalIds = [...parentTraversal, group.id];
      await tx.update(namespaces).set({ traversalIds }).where(eq(namespaces.id, group.id));
      await claimRoute(tx, fullPath, 'namespace', group.id);
      await tx.insert(groupMembers).values({ groupId: group.id, userId: actor.id, accessLevel: AccessLevel.Owner, createdById: actor.id });
      await recordAuditEvent(tx, {
        author: actor,
        action: 'group_created',
        target: { type: 'Group', id: group.id, name: fullPath },
        details: { visibility, parentId },
        ipAddress: options.ipAddress,
      });
      return toGroupSummary({ ...group, traversalIds });
    })
    .catch(rethrowPathConflict);
}

export function visibilityRank(visibility: Visibility): number {
  return { private: 0, internal: 1, public: 2 }[visibility];
}

export interface GroupView {
  group: GroupSummary;
  access: Access;
  can: (action: GroupAction) => boolean;
  /** Ancestors from the top-level group down to the parent, for breadcrumbs. */
  ancestors: Pick<GroupSummary, 'id' | 'name' | 'fullPath'>[];
}

/** The group with this id if the actor may see it; null otherwise (existence is not revealed). */
export async function findVisibleGroup(actor: MaybeActor, groupId: number): Promise<GroupView | null> {
  const database = await db();
  const [group] = await database
    .select()
    .from(namespaces)
    .where(and(eq(namespaces.id, groupId), eq(namespaces.kind, 'group')));
  if (!group) return null;
  const access = await groupAccess(actor, group);
  if (!access.canView) return null;
  const ancestorIds = group.traversalIds.slice(0, -1);
  const ancestors =
    ancestorIds.length === 0
      ? []
      : await database
          .select({ id: namespaces.id, name: namespaces.name, fullPath: namespaces.fullPath })
          .from(namespaces)
          .where(inArray(namespaces.id, ancestorIds))
          .orderBy(sql`array_length(${namespaces.traversalIds}, 1)`);
  return { group: toGroupSummary(group), access, can: (action) => canOnGroup(access, action), ancestors };
}

export interface GroupChildren {
  subgroups: GroupSummary[];
  projects: ProjectSummary[];
}

/** Subgroups and projects directly inside a group that the actor may see. */
export async function listGroupChildren(actor: MaybeActor, groupId: number): Promise<GroupChildren> {
  const database = await db();
  const subgroupRows = await database
    .select()
    .from(namespaces)
    .where(and(eq(namespaces.parentId, groupId), eq(namespaces.kind, 'group')))
    .orderBy(asc(namespaces.name));
  const subgroups: GroupSummary[] = [];
  for (const row of subgroupRows) {
    if ((await groupAccess(actor, row)).canView) subgroups.push(toGroupSummary(row));
  }
  const visibleProjects = await listVisibleProjectsInNamespace(actor, groupId);
  return { subgroups, projects: visibleProjects };
}

export interface UpdateGroupOptions {
  actor: Actor;
  groupId: number;
  name: string;
  description: string;
  /** A new last segment of the URL; the group's subgroups and projects move with it. */
  path?: string;
  visibility?: Visibility;
  ipAddress?: string | null;
}

/**
 * GitLab's rule both ways: a group is never more open than its parent, nor more closed than
 * anything inside it.
 */
async function assertVisibilityFits(tx: Executor, group: Namespace, visibility: Visibility): Promise<void> {
  if (group.parentId !== null) {
    const [parent] = await tx.select({ visibility: namespaces.visibility }).from(namespaces).where(eq(namespaces.id, group.parentId));
    if (parent && visibilityRank(visibility) > visibilityRank(parent.visibility)) {
      throw new AppError('invalid', `Visibility can't be more open than the parent group's (${parent.visibility})`, 'visibility');
    }
  }
  const result = await tx.execute(sql`
    select visibility::text as visibility from namespaces where ${group.id} = any(traversal_ids) and id <> ${group.id}
    union
    select p.visibility::text from projects p join namespaces n on n.id = p.namespace_id where ${group.id} = any(n.traversal_ids)`);
  const inside = (result as unknown as { rows: { visibility: Visibility }[] }).rows.map((row) => row.visibility);
  const moreOpen = inside.find((level) => visibilityRank(level) > visibilityRank(visibility));
  if (moreOpen) {
    throw new AppError(
      'invalid',
      `Visibility can't be ${visibility}: this group contains subgroups or projects that are ${moreOpen}`,
      'visibility',
    );
  }
}

/**
 * Moves a group to a new full path: its own and every descendant's namespace, project and route
 * paths change in the same transaction. Repositories are stored by project id and do not move.
 */
async function moveGroupPath(tx: Executor, group: Namespace, path: string): Promise<string> {
  const parentPrefix = group.fullPath.slice(0, group.fullPath.length - group.path.length);
  const fullPath = `${parentPrefix}${path}`;
  if (fullPath.toLowerCase() !== group.fullPath.toLowerCase()) await assertPathFree(tx, fullPath);
  const keep = group.fullPath.length + 1;
  const inGroup = sql`select id from namespaces where ${group.id} = any(traversal_ids)`;
  const projectsInGroup = sql`select id from projects where namespace_id in (${inGroup})`;
  await tx.execute(sql`update routes set path = ${fullPath} || substr(path, ${keep})
    where (source_type = 'namespace' and source_id in (${inGroup})) or (source_type = 'project' and source_id in (${projectsInGroup}))`);
  await tx.execute(sql`update projects set full_path = ${fullPath} || substr(full_path, ${keep}) where id in (${projectsInGroup})`);
  await tx.execute(sql`update namespaces set full_path = ${fullPath} || substr(full_path, ${keep}) where ${group.id} = any(traversal_ids)`);
  await tx.update(namespaces).set({ path }).where(eq(namespaces.id, group.id));
  return fullPath;
}

/** Group settings > General and `PUT /groups/:id`: name, description, path and visibility (Owners). */
export async function updateGroup(options: UpdateGroupOptions): Promise<GroupSummary> {
  const view = await findVisibleGroup(options.actor, options.groupId);
  if (!view || !view.can('admin_group')) throw new AppError('not_found', 'Group not found');
  const name = options.name.trim();
  const nameIssue = nameProblem(name);
  if (nameIssue) throw new AppError('invalid', `Group name ${nameIssue}`, 'name');
  if (options.description.length > 2000)
    throw new AppError('invalid', 'Description is too long (maximum is 2000 characters)', 'description');
  const path = options.path?.trim();
  if (path !== undefined) {
    const pathIssue = pathProblem(path, view.group.parentId === null ? 'top-level' : 'child');
    if (pathIssue) throw new AppError('invalid', `Group URL ${pathIssue}`, 'path');
  }
  const database = await db();
  return database
    .transaction(async (tx) => {
      const [group] = await tx
        .select()
        .from(namespaces)
        .where(and(eq(namespaces.id, options.groupId), eq(namespaces.kind, 'group')))
        .for('update');
      if (!group) throw new AppError('not_found', 'Group not found');
      const visibility = options.visibility ?? group.visibility;
      if (visibility !== group.visibility) await assertVisibilityFits(tx, group, visibility);
      const fullPath = path !== undefined && path !== group.path ? await moveGroupPath(tx, group, path) : group.fullPath;
      const [updated] = await tx
        .update(namespaces)
        .set({ name, description: options.description.trim(), visibility })
        .where(eq(namespaces.id, group.id))
        .returning();
      if (!updated) throw new AppError('not_found', 'Group not found');
      const from = { name: group.name, path: group.path, visibility: group.visibility };
      const to = { name, path: updated.path, visibility };
      await recordAuditEvent(tx, {
        author: options.actor,
        action: 'group_updated',
        target: { type: 'Group', id: updated.id, name: fullPath },
        details: { from, to },
        ipAddress: options.ipAddress,
      });
      return toGroupSummary(updated);
    })
    .catch(rethrowPathConflict);
}

/** The group at a full path if the actor may see it. */
export async function findVisibleGroupByPath(actor: MaybeActor, fullPath: string): Promise<GroupView | null> {
  const [row] = await (
    await db()
  )
    .select({ id: namespaces.id })
    .from(namespaces)
    .where(and(eq(namespaces.kind, 'group'), sql`lower(${namespaces.fullPath}) = lower(${fullPath})`));
  return row ? findVisibleGroup(actor, row.id) : null;
}
