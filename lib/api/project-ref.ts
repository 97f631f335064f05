import 'server-only';
import { sql } from 'drizzle-orm';
import { projects } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { AppError } from '../errors';
import { findVisibleProject, type ProjectView } from '../projects/projects';
import type { VisibleProjectRow } from '../projects/list-visible-projects';

/** `:id` in GitLab's project routes: a numeric id or a URL-encoded full path (`acme%2Fapi`). */
export async function projectFromRef(actor: MaybeActor, ref: string): Promise<ProjectView> {
  const database = await db();
  const id = /^\d+$/.test(ref)
    ? Number(ref)
    : (
        await database
          .select({ id: projects.id })
          .from(projects)
          .where(sql`lower(${projects.fullPath}) = lower(${ref})`)
      )[0]?.id;
  const view = id === undefined || !Number.isSafeInteger(id) ? null : await findVisibleProject(actor, id);
  if (!view) throw new AppError('not_found', 'Project Not Found');
  return view;
}

/** The row shape the project JSON is built from. */
export function projectRow(view: ProjectView): VisibleProjectRow {
  const { id, name, path, fullPath, kind } = view.namespace;
  return { ...view.project, namespace: { id, name, path, fullPath, kind } };
}
