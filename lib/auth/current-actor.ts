import 'server-only';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import type { Actor } from '../actor';
import { findActiveUser } from '../users/users';
import { authOptions } from './auth-options';

/**
 * The signed-in user for this request, re-read from the database (deleted or blocked users get
 * null even with a valid cookie). Cached per request.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.userId;
  return typeof userId === 'number' ? findActiveUser(userId) : null;
});
