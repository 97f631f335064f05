import { describe, expect, it } from 'vitest';
import { groupMembers, projectMembers } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel, MEMBER_ACCESS_LEVELS } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { canOnProject, PROJECT_ACTIONS, PROJECT_PERMISSIONS, projectAccess } from './index';

withFreshDatabase();

/** top (group) → sub (subgroup) → project: memberships can be granted at each of the three. */
async function hierarchy() {
  const owner = await createTestUser();
  const top = await createGroup({ actor: owner, name: 'Top', path: `top-${uniqueSuffix()}` });
  const sub = await createGroup({ actor: owner, name: 'Sub', path: 'sub', parentId: top.id });
  const project = await createProject({ actor: owner, name: 'API', path: 'api', namespaceId: sub.id });
  return { owner, top, sub, project: { ...project } };
}

type Where = 'project' | 'subgroup' | 'top-level group';

async function grant(
  where: Where,
  user: Actor,
  level: number,
  ids: { topId: number; subId: number; projectId: number },
  expiresAt?: string,
) {
  const database = await db();
  if (where === 'project') {
    await database.insert(projectMembers).values({ projectId: ids.projectId, userId: user.id, accessLevel: level, expiresAt });
  } else {
    const groupId = where === 'subgroup' ? ids.subId : ids.topId;
    await database.insert(groupMembers).values({ groupId, userId: user.id, accessLevel: level, expiresAt });
  }
}

describe('effective access level on a private project', () => {
  const cases = (['project', 'subgroup', 'top-level group'] as Where[]).flatMap((where) =>
    MEMBER_ACCESS_LEVELS.map((level) => ({ where, level })),
  );

  it.each(cases)('membership of the $where at level $level gives level $level', async ({ where, level }) => {
    const { top, sub, project } = await hierarchy();
    const user = await createTestUser();
    await grant(where, user, level, { topId: top.id, subId: sub.id, projectId: project.id });
    expect(await projectAccess(user, project)).toEqual({ level, canView: true });
  });

  it('a non-member has no access and cannot see the project', async () => {
    const { project } = await hierarchy();
    const stranger = await createTestUser();
    expect(await projectAccess(stranger, project)).toEqual({ level: AccessLevel.NoAccess, canView: false });
  });

  it('the highest of direct and inherited memberships wins', async () => {
    const { top, sub, project } = await hierarchy();
    const user = await createTestUser();
    const ids = { topId: top.id, subId: sub.id, projectId: project.id };
    await grant('project', user, AccessLevel.Reporter, ids);
    await grant('subgroup', user, AccessLevel.Guest, ids);
    await grant('top-level group', user, AccessLevel.Maintainer, ids);
    expect((await projectAccess(user, project)).level).toBe(AccessLevel.Maintainer);
  });

  it('an expired membership no longer counts, from 00:00 UTC on its expiry date', async () => {
    const { top, sub, project } = await hierarchy();
    const user = await createTestUser();
    await grant('subgroup', user, AccessLevel.Developer, { topId: top.id, subId: sub.id, projectId: project.id }, '2030-01-10');
    expect((await projectAccess(user, project, { now: new Date('2030-01-09T23:59:59Z') })).level).toBe(AccessLevel.Developer);
    expect((await projectAccess(user, project, { now: new Date('2030-01-10T00:00:00Z') })).level).toBe(AccessLevel.NoAccess);
  });

  it('membership of a sibling group gives nothing', async () => {
    const { owner, top, project } = await hierarchy();
    const sibling = await createGroup({ actor: owner, name: 'Sibling', path: 'sibling', parentId: top.id });
    const user = await createTestUser();
    await (await db()).insert(groupMembers).values({ groupId: sibling.id, userId: user.id, accessLevel: AccessLevel.Owner });
    expect((await projectAccess(user, project)).level).toBe(AccessLevel.NoAccess);
  });

  it('the group creator is Owner through the group; an admin is treated as Owner everywhere', async () => {
    const { owner, project } = await hierarchy();
    const admin = await createTestUser({ isAdmin: true });
    expect((await projectAccess(owner, project)).level).toBe(AccessLevel.Owner);
    expect(await projectAccess(admin, project)).toEqual({ level: AccessLevel.Owner, canView: true });
  });
});

describe('visibility without membership', () => {
  const table = [
    { visibility: 'private', anonymous: false, signedIn: false },
    { visibility: 'internal', anonymous: false, signedIn: true },
    { visibility: 'public', anonymous: true, signedIn: true },
  ] as const;

  it.each(table)(
    '$visibility: anonymous sees it: $anonymous, a signed-in non-member: $signedIn',
    async ({ visibility, anonymous, signedIn }) => {
      const owner = await createTestUser();
      const group = await createGroup({ actor: owner, name: 'G', path: `g-${uniqueSuffix()}`, visibility: 'public' });
      const project = await createProject({ actor: owner, name: 'P', namespaceId: group.id, visibility });
      const stranger = await createTestUser();
      expect((await projectAccess(null, project)).canView).toBe(anonymous);
      expect((await projectAccess(stranger, project)).canView).toBe(signedIn);
    },
  );
});

describe('the permission table', () => {
  const rows = [AccessLevel.NoAccess, ...MEMBER_ACCESS_LEVELS].flatMap((level) => PROJECT_ACTIONS.map((action) => ({ level, action })));
  it.each(rows)('level $level on $action', ({ level, action }) => {
    const reads = action === 'read_project' || action === 'read_members';
    const expected = reads || level >= PROJECT_PERMISSIONS[action];
    expect(canOnProject({ level, canView: true }, action)).toBe(expected);
    expect(canOnProject({ level, canView: false }, action)).toBe(false);
  });
});
