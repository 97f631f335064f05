import 'server-only';
import { and, eq } from 'drizzle-orm';
import { namespaces } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { findVisibleProject, type ProjectView } from '../projects/projects';
import { findVisibleGroup, type GroupView } from './groups';
import { resolveRoute } from './routes';

export type ResolvedPath =
  | { kind: 'group'; view: GroupView }
  | { kind: 'project'; view: ProjectView }
  | { kind: 'user'; namespace: { id: number; name: string; fullPath: string; ownerId: number } };

/**
 * What a GitLab-style full path (`acme/platform/api`) names, if the actor may see it. Anything
 * hidden from the actor resolves to null, exactly like something that does not exist.
 */
export async function resolveFullPath(actor: MaybeActor, fullPath: string): Promise<ResolvedPath | null> {
  const database = await db();
  const route = await resolveRoute(database, fullPath);
  if (!route) return null;
  if (route.sourceType === 'project') {
    const view = await findVisibleProject(actor, route.sourceId);
    return view ? { kind: 'project', view } : null;
  }
  const [namespace] = await database
    .select({ id: namespaces.id, kind: namespaces.kind, name: namespaces.name, fullPath: namespaces.fullPath, ownerId: namespaces.ownerId })
    .from(namespaces)
    .where(and(eq(namespaces.id, route.sourceId)));
  if (!namespace) return null;
  if (namespace.kind === 'user') {
    return namespace.ownerId === null ? null : { kind: 'user', namespace: { ...namespace, ownerId: namespace.ownerId } };
  }
  const view = await findVisibleGroup(actor, namespace.id);
  return view ? { kind: 'group', view } : null;
}
