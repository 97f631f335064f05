import 'server-only';
import type { MaybeActor } from '../actor';
import { AppError } from '../errors';
import { findVisibleGroup, findVisibleGroupByPath, type GroupView } from '../namespaces/groups';

/** `:id` in GitLab's group routes: a numeric id or a URL-encoded full path (`acme%2Fplatform`). */
export async function groupFromRef(actor: MaybeActor, ref: string): Promise<GroupView> {
  const id = /^\d+$/.test(ref) ? Number(ref) : null;
  const view = id === null ? await findVisibleGroupByPath(actor, ref) : Number.isSafeInteger(id) ? await findVisibleGroup(actor, id) : null;
  if (!view) throw new AppError('not_found', 'Group Not Found');
  return view;
}
