// Factories for the token tests.
import { count, eq } from 'drizzle-orm';
import { accessTokens, auditEvents, groupMembers, namespaces, projectMembers, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject, personalNamespaceOf } from '@/lib/projects/projects';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { createProjectAccessToken, type CreateProjectAccessTokenOptions } from '@/lib/tokens/project-access-tokens';

/** A fixed "now" for the tests: 2030-01-10, midday UTC. */
export const NOW = new Date('2030-01-10T12:00:00Z');

/** A private project in a fresh top-level group whose creator is its Owner. */
export async function groupProject() {
  const owner = await createTestUser();
  const group = await createGroup({ actor: owner, name: 'Group', path: `g-${uniqueSuffix()}` });
  const project = await createProject({ actor: owner, name: 'API', path: 'api', namespaceId: group.id });
  return { owner, group, project };
}

/** A project in the owner's personal namespace. */
export async function personalProject() {
  const owner = await createTestUser();
  const namespace = await personalNamespaceOf(owner);
  if (!namespace) throw new Error('no personal namespace');
  const project = await createProject({ actor: owner, name: 'Mine', path: `mine-${uniqueSuffix()}`, namespaceId: namespace.id });
  return { owner, project };
}

/** A new user with a direct membership of the project at `level`. */
export async function projectMember(projectId: number, level: number): Promise<Actor> {
  const user = await createTestUser();
  await (await db()).insert(projectMembers).values({ projectId, userId: user.id, accessLevel: level });
  return user;
}

/** A new user who is a member of the group at `level` (inherited by its projects). */
export async function groupMember(groupId: number, level: number): Promise<Actor> {
  const user = await createTestUser();
  await (await db()).insert(groupMembers).values({ groupId, userId: user.id, accessLevel: level });
  return user;
}

export async function setCreationAllowed(groupId: number, allowed: boolean) {
  await (await db()).update(namespaces).set({ resourceAccessTokenCreationAllowed: allowed }).where(eq(namespaces.id, groupId));
}

/** Rows in the tables a token operation writes to. */
export async function rowCounts() {
  const database = await db();
  const one = async (table: typeof users | typeof projectMembers | typeof accessTokens | typeof auditEvents) =>
    (await database.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    users: await one(users),
    projectMembers: await one(projectMembers),
    accessTokens: await one(accessTokens),
    auditEvents: await one(auditEvents),
  };
}

/** Creates a token with sensible defaults. */
export function createToken(
  actor: Actor,
  projectId: number,
  overrides: Partial<Omit<CreateProjectAccessTokenOptions, 'actor' | 'projectId'>> = {},
) {
  return createProjectAccessToken({
    actor,
    projectId,
    name: 'CI token',
    scopes: ['api'],
    accessLevel: AccessLevel.Developer,
    expiresAt: '2030-02-01',
    now: NOW,
    ...overrides,
  });
}
