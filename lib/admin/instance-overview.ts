import 'server-only';
import { count, eq } from 'drizzle-orm';
import { accessTokens, namespaces, projects, users } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { AppError } from '../errors';

/** Admin area dashboard figures; anyone but an instance admin is told it does not exist. */
export async function instanceOverview(actor: MaybeActor) {
  if (!actor?.isAdmin) throw new AppError('not_found', 'Not found');
  const database = await db();
  const [[userCount], [groupCount], [projectCount], [tokenCount]] = await Promise.all([
    database.select({ value: count() }).from(users).where(eq(users.userType, 'human')),
    database.select({ value: count() }).from(namespaces).where(eq(namespaces.kind, 'group')),
    database.select({ value: count() }).from(projects),
    database.select({ value: count() }).from(accessTokens).where(eq(accessTokens.revoked, false)),
  ]);
  return {
    users: userCount?.value ?? 0,
    groups: groupCount?.value ?? 0,
    projects: projectCount?.value ?? 0,
    tokens: tokenCount?.value ?? 0,
  };
}
