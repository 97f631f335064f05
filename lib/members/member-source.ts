import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { groupMembers, namespaces, projectMembers, projects } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { MaybeActor } from '../actor';
import { AppError } from '../errors';
import { groupAccess, projectAccess } from '../permissions';

/** Which membership list: a project's or a group's. */
export interface MemberSourceRef {
  type: 'project' | 'group';
  id: number;
}

/** A project or group with what membership rules need to know about it, after authorization. */
export interface MemberSource extends MemberSourceRef {
  name: string;
  fullPath: string;
  /** Groups whose members are inherited here: a project's group and its ancestors; a group's ancestors. */
  inheritedGroupIds: number[];
  /** The owner of a personal namespace is an Owner of its projects without a membership row. */
  implicitOwnerId: number | null;
  /** The actor's effective level on it. */
  actorLevel: number;
}

export const sourceNotFound = (type: MemberSourceRef['type']) =>
  new AppError('not_found', type === 'project' ? 'Project not found' : 'Group not found');

/**
 * Loads a project or group the actor may see (otherwise "not found": existence is not revealed),
 * optionally locking its row so that membership changes on it take turns.
 */
export async function loadMemberSource(
  tx: Executor,
  actor: MaybeActor,
  ref: MemberSourceRef,
  { lock = false } = {},
): Promise<MemberSource> {
  if (ref.type === 'project') {
    const query = tx
      .select({ project: projects, namespace: namespaces })
      .from(projects)
      .innerJoin(namespaces, eq(namespaces.id, projects.namespaceId))
      .where(eq(projects.id, ref.id));
    const [row] = lock ? await query.for('update', { of: projects }) : await query;
    if (!row) throw sourceNotFound('project');
    const access = await projectAccess(actor, row.project, { executor: tx, namespace: row.namespace });
    if (!access.canView) throw sourceNotFound('project');
    const isPersonal = row.namespace.kind === 'user';
    return {
      type: 'project',
      id: row.project.id,
      name: row.project.name,
      fullPath: row.project.fullPath,
      inheritedGroupIds: isPersonal ? [] : row.namespace.traversalIds,
      implicitOwnerId: isPersonal ? row.namespace.ownerId : null,
      actorLevel: access.level,
    };
  }
  const query = tx
    .select()
    .from(namespaces)
    .where(and(eq(namespaces.id, ref.id), eq(namespaces.kind, 'group')));
  const [group] = lock ? await query.for('update') : await query;
  if (!group) throw sourceNotFound('group');
  const access = await groupAccess(actor, group, { executor: tx });
  if (!access.canView) throw sourceNotFound('group');
  return {
    type: 'group',
    id: group.id,
    name: group.name,
    fullPath: group.fullPath,
    inheritedGroupIds: group.traversalIds.filter((id) => id !== group.id),
    implicitOwnerId: null,
    actorLevel: access.level,
  };
}

export interface DirectMembership {
  id: number;
  userId: number;
  accessLevel: number;
  expiresAt: string | null;
}

/** The direct-membership table of a source, behind one small interface. */
export function directMemberships(tx: Executor, source: MemberSourceRef) {
  if (source.type === 'project') {
    const of = (userId: number) => and(eq(projectMembers.projectId, source.id), eq(projectMembers.userId, userId));
    return {
      table: sql.raw('project_members'),
      sourceColumn: sql.raw('project_id'),
      async find(userId: number): Promise<DirectMembership | null> {
        const [row] = await tx.select().from(projectMembers).where(of(userId));
        return row ?? null;
      },
      async insert(values: { userId: number; accessLevel: number; expiresAt: string | null; createdById: number }) {
        await tx.insert(projectMembers).values({ ...values, projectId: source.id });
      },
      async update(userId: number, changes: { accessLevel: number; expiresAt?: string | null }) {
        await tx.update(projectMembers).set(changes).where(of(userId));
      },
      async remove(userId: number) {
        await tx.delete(projectMembers).where(of(userId));
      },
    };
  }
  const of = (userId: number) => and(eq(groupMembers.groupId, source.id), eq(groupMembers.userId, userId));
  return {
    table: sql.raw('group_members'),
    sourceColumn: sql.raw('group_id'),
    async find(userId: number): Promise<DirectMembership | null> {
      const [row] = await tx.select().from(groupMembers).where(of(userId));
      return row ?? null;
    },
    async insert(values: { userId: number; accessLevel: number; expiresAt: string | null; createdById: number }) {
      await tx.insert(groupMembers).values({ ...values, groupId: source.id });
    },
    async update(userId: number, changes: { accessLevel: number; expiresAt?: string | null }) {
      await tx.update(groupMembers).set(changes).where(of(userId));
    },
    async remove(userId: number) {
      await tx.delete(groupMembers).where(of(userId));
    },
  };
}
