import type { Actor, MaybeActor } from '../actor';
import { AppError } from '../errors';

/** Instance settings, the admin area and its user management: instance admins only (people, never bots). */
export function isInstanceAdmin(actor: MaybeActor): actor is Actor {
  return Boolean(actor?.isAdmin && actor.userType === 'human');
}

/** Anyone but an instance admin is told the thing does not exist, as GitLab's admin area answers 404. */
export function assertInstanceAdmin(actor: MaybeActor): asserts actor is Actor {
  if (!isInstanceAdmin(actor)) throw new AppError('not_found', 'Not found');
}
