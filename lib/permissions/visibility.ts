import type { Visibility } from '@/db/schema';
import type { MaybeActor } from '../actor';

export interface VisibilityOptions {
  /** Whether project bots see Internal projects: the instance setting "Project bots can read Internal projects" (default on, as GitLab). */
  botsCanReadInternal?: boolean;
}

/**
 * Whether the actor may see a resource of this visibility when membership gives them nothing:
 * public → everyone; internal → any signed-in user except bots when the instance says so;
 * private → nobody (members and admins are let in by the caller).
 */
export function visibleWithoutMembership(
  visibility: Visibility,
  actor: MaybeActor,
  { botsCanReadInternal = true }: VisibilityOptions = {},
): boolean {
  if (visibility === 'public') return true;
  if (visibility === 'private' || !actor) return false;
  if (actor.userType === 'human') return true;
  return actor.userType === 'project_bot' && botsCanReadInternal;
}
