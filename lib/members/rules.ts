import { AccessLevel } from '../access-levels';

export type MemberAction = 'add' | 'change_role' | 'remove';

export interface MemberChange {
  /** The actor's effective level on the project or group. */
  actorLevel: number;
  action: MemberAction;
  /** The member's current level (change_role, remove). */
  currentLevel?: number;
  /** The level asked for (add, change_role). */
  newLevel?: number;
}

/**
 * GitLab's rule for managing members: Maintainers manage members up to Maintainer; only Owners
 * add, promote to, demote or remove Owners. Who the target is (bot, inherited, last Owner) is
 * checked separately.
 */
export function memberChangeAllowed({ actorLevel, action, currentLevel, newLevel }: MemberChange): boolean {
  if (actorLevel < AccessLevel.Maintainer) return false;
  const touchesOwner = currentLevel === AccessLevel.Owner || newLevel === AccessLevel.Owner;
  if (touchesOwner && actorLevel < AccessLevel.Owner) return false;
  if (action !== 'remove' && newLevel === undefined) return false;
  return true;
}
