import 'server-only';
import { and, asc, eq, exists, or, sql } from 'drizzle-orm';
import { groupMembers, namespaces, projectMembers, projects, type Project, type Visibility } from '@/db/schema';
import { db, type Database } from '@/db/client';
import { AccessLevel } from '../access-levels';
import type { Actor, MaybeActor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { utcDate } from '../dates';
import { AppError } from '../errors';
import { visibilityRank } from '../namespaces/groups';
import { nameProblem, pathFromName, pathProblem } from '../namespaces/paths';
import { assertPathFree, claimRoute, rethrowPathConflict } from '../namespaces/routes';
import {
  canOnGroup,
  canOnProject,
  groupAccess,
  memberIsCurrent,
  membershipLevelSql,
  projectAccess,
  type Access,
  type ProjectAction,
} from '../permissions';
import { createRepository, removeRepository } from '../git/repositories';

export interface ProjectSummary {
  id: number;
  name: string;
  path: string;
  fullPath: string;
  description: string;
  visibility: Visibility;
  namespaceId: number;
  createdAt: Date;
}

export function toProjectSummary(project: Project): ProjectSummary {
  return {
    id: project.id,
    name: project.name,
    path: project.path,
    fullPath: project.fullPath,
    description: project.description,
    visibility: project.visibility,
    namespaceId: project.namespaceId,
    createdAt: project.createdAt,
  };
}

export interface CreateProjectOptions {
  actor: Actor;
  name: string;
  /** Defaults to a path made from the name. */
  path?: string;
  /** A group (Maintainer+ needed) or the actor's own personal namespace. */
  namespaceId: number;
  description?: string;
  visibility?: Visibility;
  /** Commit a README.md to the new repository's default branch. */
  initializeWithReadme?: boolean;
  ipAddress?: string | null;
}

/**
 * Creates a project in a group or the actor's personal namespace, in one transaction, with its
 * bare repository: created after the insert inside the transaction and removed again if the
 * transaction fails, so there is never a repository without a project or the other way round.
 */
export async function createProject(options: CreateProjectOptions): Promise<ProjectSummary> {
  const { actor } = options;
  if (actor.userType !== 'human') throw new AppError('forbidden', 'Only people can create projects');
  const name = options.name.trim();
  const nameIssue = nameProblem(name);
  if (nameIssue) throw new AppError('invalid', `Project name ${nameIssue}`, 'name');
  const path = (options.path?.trim() || pathFromName(name)).trim();
  const pathIssue = pathProblem(path, 'child');
  if (pathIssue) throw new AppError('invalid', `Project slug ${pathIssue}`, 'path');
  const visibility = options.visibility ?? 'private';

  const database = await db();
  let repositoryOf: number | null = null;
  return database
    .transaction(async (tx) => {
      const [namespace] = await tx.select().from(namespaces).where(eq(namespaces.id, options.namespaceId)).for('share');
      if (!namespace) throw new AppError('not_found', 'Namespace not found', 'namespaceId');
      if (namespace.kind === 'user') {
        if (namespace.ownerId !== actor.id) {
          throw new AppError('forbidden', 'You can only create projects in your own personal namespace', 'namespaceId');
        }
      } else {
        const access = await groupAccess(actor, namespace, { executor: tx });
        if (!access.canView) throw new AppError('not_found', 'Namespace not found', 'namespaceId');
        if (!canOnGroup(access, 'create_project')) {
          throw new AppError('forbidden', 'You are not allowed to create projects in this group', 'namespaceId');
        }
        if (visibilityRank(visibility) > visibilityRank(namespace.visibility)) {
          throw new AppError('invalid', `Visibility can't be more open than the group's (${namespace.visibility})`, 'visibility');
        }
      }
      const fullPath = `${namespace.fullPath}/${path}`;
      await assertPathFree(tx, fullPath);
      const [project] = await tx
        .insert(projects)
        .values({
          namespaceId: namespace.id,
          name,
          path,
          fullPath,
          description: options.description?.trim() ?? '',
          visibility,
          creatorId: actor.id,
        })
        .returning();
      if (!project) throw new Error('insert returned no project');
      await claimRoute(tx, fullPath, 'project', project.id);
      if (namespace.kind === 'user') {
        await tx
          .insert(projectMembers)
          .values({ projectId: project.id, userId: actor.id, accessLevel: AccessLevel.Owner, createdById: actor.id });
      }
      await recordAuditEvent(tx, {
        author: actor,
        action: 'project_created',
        target: { type: 'Project', id: project.id, name: fullPath },
        details: { visibility },
        ipAddress: options.ipAddress,
      });
      repositoryOf = project.id;
      await createRepository(project.id, {
        readme: options.initializeWithReadme
          ? { projectName: name, description: project.description, author: { name: actor.name, email: noreplyEmail(actor) } }
          : undefined,
      });
      return toProjectSummary(project);
    })
    .catch(async (error: unknown) => {
      if (repositoryOf !== null) await removeRepository(repositoryOf).catch(() => undefined);
      return rethrowPathConflict(error);
    });
}

/** The commit e-mail of someone whose address Keyhold does not publish. */
function noreplyEmail(actor: Actor): string {
  const host = new URL(process.env.KEYHOLD_URL || 'http://localhost:3000').hostname;
  return `${actor.username}@users.noreply.${host}`;
}

export interface ProjectView {
  project: ProjectSummary;
  access: Access;
  can: (action: ProjectAction) => boolean;
  namespace: { id: number; kind: 'group' | 'user'; name: string; path: string; fullPath: string; traversalIds: number[] };
}

/** Whose membership findVisibleProject reads along with the project: none for anonymous callers and admins. */
type MembershipShape = 'none' | 'human' | 'bot';

function prepareFindProject(database: Database, shape: MembershipShape) {
  const membershipLevel =
    shape === 'none'
      ? sql<number | null>`null`
      : membershipLevelSql({ userId: sql.placeholder('userId'), today: sql.placeholder('today'), includeGroups: shape === 'human' });
  return database
    .select({ project: projects, namespace: namespaces, membershipLevel })
    .from(projects)
    .innerJoin(namespaces, eq(namespaces.id, projects.namespaceId))
    .where(eq(projects.id, sql.placeholder('projectId')))
    .prepare(`find_visible_project_${shape}`);
}

// Prepared once per database: this runs on every API and Git request, so neither the query builder
// nor PostgreSQL's planner should have to do the work again each time.
const findProjectStatements = new WeakMap<Database, Map<MembershipShape, ReturnType<typeof prepareFindProject>>>();

function findProjectStatement(database: Database, shape: MembershipShape) {
  let statements = findProjectStatements.get(database);
  if (!statements) findProjectStatements.set(database, (statements = new Map()));
  let statement = statements.get(shape);
  if (!statement) statements.set(shape, (statement = prepareFindProject(database, shape)));
  return statement;
}

/** The project with this id if the actor may see it; null otherwise (private projects stay hidden). */
export async function findVisibleProject(actor: MaybeActor, projectId: number): Promise<ProjectView | null> {
  const database = await db();
  const now = new Date();
  const shape: MembershipShape = !actor || actor.isAdmin ? 'none' : actor.userType === 'human' ? 'human' : 'bot';
  // The actor's membership comes in the same round trip.
  const [row] = await findProjectStatement(database, shape).execute({ projectId, userId: actor?.id ?? 0, today: utcDate(now) });
  if (!row) return null;
  const access = await projectAccess(actor, row.project, { now, namespace: row.namespace, membershipLevel: row.membershipLevel });
  if (!access.canView) return null;
  return {
    project: toProjectSummary(row.project),
    access,
    can: (action) => canOnProject(access, action),
    namespace: {
      id: row.namespace.id,
      kind: row.namespace.kind,
      name: row.namespace.name,
      path: row.namespace.path,
      fullPath: row.namespace.fullPath,
      traversalIds: row.namespace.traversalIds,
    },
  };
}

/** Like findVisibleProject, but the actor must also be allowed `action`; otherwise not found. */
export async function findProjectForActionOrThrow(actor: MaybeActor, projectId: number, action: ProjectAction): Promise<ProjectView> {
  const view = await findVisibleProject(actor, projectId);
  if (!view || !view.can(action)) throw new AppError('not_found', 'Project not found');
  return view;
}

/** A current group membership of the user in the row's namespace or any group above it. */
function inGroupTreeOf(userId: number, today: string) {
  return and(
    eq(groupMembers.userId, userId),
    sql`${groupMembers.groupId} = any(${namespaces.traversalIds})`,
    memberIsCurrent(groupMembers.expiresAt, today),
  );
}

/** Projects the actor is a member of: directly, through a group, or in their personal namespace. */
export async function listMemberProjects(actor: Actor, { now = new Date() }: { now?: Date } = {}): Promise<ProjectSummary[]> {
  const today = utcDate(now);
  const database = await db();
  const rows = await database
    .select({ project: projects })
    .from(projects)
    .innerJoin(namespaces, eq(namespaces.id, projects.namespaceId))
    .where(
      or(
        eq(namespaces.ownerId, actor.id),
        exists(
          database
            .select({ one: sql`1` })
            .from(projectMembers)
            .where(
              and(
                eq(projectMembers.projectId, projects.id),
                eq(projectMembers.userId, actor.id),
                memberIsCurrent(projectMembers.expiresAt, today),
              ),
            ),
        ),
        actor.userType === 'human'
          ? exists(
              database
                .select({ one: sql`1` })
                .from(groupMembers)
                .where(inGroupTreeOf(actor.id, today)),
            )
          : sql`false`,
      ),
    )
    .orderBy(asc(projects.fullPath));
  return rows.map((row) => toProjectSummary(row.project));
}

/** Groups the actor belongs to directly, plus every group below them. */
export async function listMemberGroups(actor: Actor, { now = new Date() }: { now?: Date } = {}) {
  const today = utcDate(now);
  const database = await db();
  return database
    .select({
      id: namespaces.id,
      name: namespaces.name,
      fullPath: namespaces.fullPath,
      visibility: namespaces.visibility,
      parentId: namespaces.parentId,
    })
    .from(namespaces)
    .where(
      and(
        eq(namespaces.kind, 'group'),
        exists(
          database
            .select({ one: sql`1` })
            .from(groupMembers)
            .where(inGroupTreeOf(actor.id, today)),
        ),
      ),
    )
    .orderBy(asc(namespaces.fullPath));
}

/** Groups where the actor's effective level is at least `minimumLevel` (admins: every group), for form selects. */
export async function listGroupsWhereActorCan(actor: Actor, minimumLevel: number, { now = new Date() }: { now?: Date } = {}) {
  const today = utcDate(now);
  const database = await db();
  const highestLevel = database
    .select({ level: sql<number>`max(${groupMembers.accessLevel})` })
    .from(groupMembers)
    .where(inGroupTreeOf(actor.id, today));
  return database
    .select({ id: namespaces.id, fullPath: namespaces.fullPath })
    .from(namespaces)
    .where(and(eq(namespaces.kind, 'group'), actor.isAdmin ? sql`true` : sql`(${highestLevel}) >= ${minimumLevel}`))
    .orderBy(asc(namespaces.fullPath));
}

/** Projects directly in a namespace that the actor may see. */
export async function listVisibleProjectsInNamespace(actor: MaybeActor, namespaceId: number): Promise<ProjectSummary[]> {
  const rows = await (await db()).select().from(projects).where(eq(projects.namespaceId, namespaceId)).orderBy(asc(projects.name));
  const visible: ProjectSummary[] = [];
  for (const row of rows) {
    if ((await projectAccess(actor, row)).canView) visible.push(toProjectSummary(row));
  }
  return visible;
}

/** The actor's personal namespace. */
export async function personalNamespaceOf(actor: Actor) {
  const [row] = await (
    await db()
  )
    .select({ id: namespaces.id, fullPath: namespaces.fullPath })
    .from(namespaces)
    .where(and(eq(namespaces.kind, 'user'), eq(namespaces.ownerId, actor.id)));
  return row ?? null;
}

export interface UpdateProjectOptions {
  actor: Actor;
  projectId: number;
  name: string;
  description: string;
  visibility: Visibility;
  ipAddress?: string | null;
}

/** Settings > General: name, description and visibility (Maintainer+). */
export async function updateProject(options: UpdateProjectOptions): Promise<ProjectSummary> {
  const view = await findProjectForActionOrThrow(options.actor, options.projectId, 'admin_project');
  const name = options.name.trim();
  const nameIssue = nameProblem(name);
  if (nameIssue) throw new AppError('invalid', `Project name ${nameIssue}`, 'name');
  if (options.description.length > 2000)
    throw new AppError('invalid', 'Description is too long (maximum is 2000 characters)', 'description');
  const database = await db();
  return database.transaction(async (tx) => {
    if (view.namespace.kind === 'group') {
      const [group] = await tx.select({ visibility: namespaces.visibility }).from(namespaces).where(eq(namespaces.id, view.namespace.id));
      if (group && visibilityRank(options.visibility) > visibilityRank(group.visibility)) {
        throw new AppError('invalid', `Visibility can't be more open than the group's (${group.visibility})`, 'visibility');
      }
    }
    const [updated] = await tx
      .update(projects)
      .set({ name, description: options.description.trim(), visibility: options.visibility })
      .where(eq(projects.id, options.projectId))
      .returning();
    if (!updated) throw new AppError('not_found', 'Project not found');
    await recordAuditEvent(tx, {
      author: options.actor,
      action: 'project_updated',
      target: { type: 'Project', id: updated.id, name: updated.fullPath },
      details: {
        from: { name: view.project.name, visibility: view.project.visibility },
        to: { name, visibility: options.visibility },
      },
      ipAddress: options.ipAddress,
    });
    return toProjectSummary(updated);
  });
}
