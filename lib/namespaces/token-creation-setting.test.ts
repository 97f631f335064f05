import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, groupMembers, namespaces } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel, MEMBER_ACCESS_LEVELS } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { rowCounts } from '@/tests/token-factories';
import { createGroup } from './groups';
import { groupTokenCreationSetting, setGroupTokenCreationAllowed } from './token-creation-setting';

withFreshDatabase();

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function storedValue(groupId: number) {
  const [row] = await (
    await db()
  )
    .select({ allowed: namespaces.resourceAccessTokenCreationAllowed })
    .from(namespaces)
    .where(eq(namespaces.id, groupId));
  return row?.allowed;
}

async function groupTree() {
  const owner = await createTestUser();
  const top = await createGroup({ actor: owner, name: 'Top', path: `top-${uniqueSuffix()}` });
  const sub = await createGroup({ actor: owner, name: 'Sub', path: 'sub', parentId: top.id });
  return { owner, top, sub };
}

describe('the token-creation setting of a group', () => {
  it('defaults to on; an Owner turns it off and on, each change audited', async () => {
    const { owner, top } = await groupTree();
    expect(await groupTokenCreationSetting({ actor: owner, groupId: top.id })).toEqual({
      groupId: top.id,
      allowed: true,
      editable: true,
      topLevelGroup: { id: top.id, name: 'Top', fullPath: top.fullPath },
    });
    const off = await setGroupTokenCreationAllowed({ actor: owner, groupId: top.id, allowed: false, ipAddress: '192.0.2.44' });
    expect(off.allowed).toBe(false);
    expect(await storedValue(top.id)).toBe(false);
    await setGroupTokenCreationAllowed({ actor: owner, groupId: top.id, allowed: true });
    const events = await (
      await db()
    )
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'group_token_creation_setting_updated'), eq(auditEvents.targetId, top.id)))
      .orderBy(auditEvents.id);
    expect(events.map((event) => event.details)).toEqual([
      { setting: 'resource_access_token_creation_allowed', from: true, to: false },
      { setting: 'resource_access_token_creation_allowed', from: false, to: true },
    ]);
    expect(events[0]).toMatchObject({ authorId: owner.id, targetType: 'Group', targetName: top.fullPath, ipAddress: '192.0.2.44' });

    // Saving the same value again is not a change.
    const before = await rowCounts();
    await setGroupTokenCreationAllowed({ actor: owner, groupId: top.id, allowed: true });
    expect(await rowCounts()).toEqual(before);
  });

  it('a subgroup shows the top-level value read-only and refuses to change it', async () => {
    const { owner, top, sub } = await groupTree();
    await setGroupTokenCreationAllowed({ actor: owner, groupId: top.id, allowed: false });
    expect(await groupTokenCreationSetting({ actor: owner, groupId: sub.id })).toEqual({
      groupId: sub.id,
      allowed: false,
      editable: false,
      topLevelGroup: { id: top.id, name: 'Top', fullPath: top.fullPath },
    });
    const before = await rowCounts();
    expect(await failure(setGroupTokenCreationAllowed({ actor: owner, groupId: sub.id, allowed: true }))).toEqual({
      code: 'invalid',
      field: 'resourceAccessTokenCreationAllowed',
    });
    expect(await storedValue(top.id)).toBe(false);
    expect(await rowCounts()).toEqual(before);
  });

  it.each(MEMBER_ACCESS_LEVELS.filter((level) => level < AccessLevel.Owner))(
    'a member at level %i neither sees nor changes it (posting the form directly changes nothing)',
    async (level) => {
      const { top } = await groupTree();
      const member = await createTestUser();
      await (await db()).insert(groupMembers).values({ groupId: top.id, userId: member.id, accessLevel: level });
      expect(await failure(groupTokenCreationSetting({ actor: member, groupId: top.id }))).toEqual({ code: 'not_found', field: undefined });
      const before = await rowCounts();
      expect(await failure(setGroupTokenCreationAllowed({ actor: member, groupId: top.id, allowed: false }))).toEqual({
        code: 'not_found',
        field: undefined,
      });
      expect(await storedValue(top.id)).toBe(true);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it('an outsider is told the group does not exist; an Owner of the subgroup only cannot change the top level', async () => {
    const { top, sub } = await groupTree();
    const outsider = await createTestUser();
    expect(await failure(setGroupTokenCreationAllowed({ actor: outsider, groupId: top.id, allowed: false }))).toEqual({
      code: 'not_found',
      field: undefined,
    });
    const subOwner = await createTestUser();
    await (await db()).insert(groupMembers).values({ groupId: sub.id, userId: subOwner.id, accessLevel: AccessLevel.Owner });
    expect((await groupTokenCreationSetting({ actor: subOwner, groupId: sub.id })).editable).toBe(false);
    expect(await failure(setGroupTokenCreationAllowed({ actor: subOwner, groupId: top.id, allowed: false }))).toEqual({
      code: 'not_found',
      field: undefined,
    });
    expect(await storedValue(top.id)).toBe(true);
  });

  it('an instance admin may change it', async () => {
    const { top } = await groupTree();
    const admin = await createTestUser({ isAdmin: true });
    expect((await setGroupTokenCreationAllowed({ actor: admin, groupId: top.id, allowed: false })).allowed).toBe(false);
  });
});
