import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import { accessTokens, namespaces, projects, users } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { assertInstanceAdmin } from '../permissions';
import { fipsModeEnabled } from '../settings/fips';

export interface InstanceOverview {
  /** Active people: what a licence would count. Bots and the ghost are not seats, blocked people neither. */
  billableUsers: number;
  /** Project and group bots, listed in Admin > Users but never billable. */
  botUsers: number;
  groups: number;
  projects: number;
  /** Tokens not revoked (some may have expired). */
  tokens: number;
  fipsMode: boolean;
}

/** Admin area dashboard figures; anyone but an instance admin is told it does not exist. */
export async function instanceOverview(actor: MaybeActor): Promise<InstanceOverview> {
  assertInstanceAdmin(actor);
  const database = await db();
  const [[billable], [bots], [groupCount], [projectCount], [tokenCount]] = await Promise.all([
    database
      .select({ value: count() })
      .from(users)
      .where(and(eq(users.userType, 'human'), eq(users.state, 'active'))),
    database
      .select({ value: count() })
      .from(users)
      .where(inArray(users.userType, ['project_bot', 'group_bot'])),
    database.select({ value: count() }).from(namespaces).where(eq(namespaces.kind, 'group')),
    database.select({ value: count() }).from(projects),
    database.select({ value: count() }).from(accessTokens).where(eq(accessTokens.revoked, false)),
  ]);
  return {
    billableUsers: billable?.value ?? 0,
    botUsers: bots?.value ?? 0,
    groups: groupCount?.value ?? 0,
    projects: projectCount?.value ?? 0,
    tokens: tokenCount?.value ?? 0,
    fipsMode: fipsModeEnabled(),
  };
}
