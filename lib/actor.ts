import type { UserType } from '@/db/schema';

/** The signed-in user (or token principal) on whose behalf something is done; null is anonymous. */
export interface Actor {
  id: number;
  username: string;
  name: string;
  isAdmin: boolean;
  userType: UserType;
  /** For project bots: their one project. */
  botProjectId: number | null;
}

export type MaybeActor = Actor | null;
