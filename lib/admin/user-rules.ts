import type { UserType } from '@/db/schema';
import type { Actor } from '../actor';

/** How the admin area names a user's type: bots of projects and groups are both "bot". */
export type UserKind = 'human' | 'bot' | 'ghost';

export function userKind(userType: UserType): UserKind {
  if (userType === 'human') return 'human';
  return userType === 'ghost' ? 'ghost' : 'bot';
}

export const USER_KIND_LABELS: Record<UserKind, string> = { human: 'Human', bot: 'Bot', ghost: 'Ghost' };

export const SYSTEM_USERS_READ_ONLY = 'Bot and ghost users cannot be edited here.';
export const CANNOT_BLOCK_SELF = 'You cannot block your own account.';

/**
 * Why an admin may not block or unblock this user, or null if they may: only people can be
 * blocked here (bots go with their tokens, the ghost is a system account), never oneself.
 */
export function blockProblem(actor: Pick<Actor, 'id'>, target: { id: number; userType: UserType }): string | null {
  if (target.userType !== 'human') return SYSTEM_USERS_READ_ONLY;
  if (target.id === actor.id) return CANNOT_BLOCK_SELF;
  return null;
}
