import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createGroup } from '@/lib/namespaces/groups';
import { setGroupTokenCreationAllowed } from '@/lib/namespaces/token-creation-setting';
import { createProject } from '@/lib/projects/projects';
import { withFreshDatabase } from '@/tests/database';
import { authenticateToken } from './authenticate';
import { projectTokenFormRules, revokeProjectAccessToken, rotateProjectAccessToken } from './project-access-tokens';
import { createTestUser } from '@/tests/factories';
import { createToken, groupProject, NOW, personalProject, projectMember, rowCounts, setCreationAllowed } from '@/tests/token-factories';

withFreshDatabase();

const DISABLED = 'Project access token creation is disabled in this group. You can still use and manage existing tokens.';

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the top-level group switch', () => {
  it('off: creation and rotation are refused, existing tokens keep working and can be revoked', async () => {
    const { owner, group, project } = await groupProject();
    const sub = await createGroup({ actor: owner, name: 'Sub', path: 'sub', parentId: group.id });
    const deep = await createProject({ actor: owner, name: 'Deep', path: 'deep', namespaceId: sub.id });
    const existing = await createToken(owner, project.id);
    const other = await createToken(owner, project.id);
    await setCreationAllowed(group.id, false);

    const before = await rowCounts();
    expect(await failure(createToken(owner, project.id))).toEqual({ code: 'forbidden', message: DISABLED });
    expect(await failure(createToken(owner, deep.id))).toEqual({ code: 'forbidden', message: DISABLED });
    expect(
      await failure(rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: existing.accessToken.id, now: NOW })),
    ).toEqual({
      code: 'forbidden',
      message: DISABLED,
    });
    expect(await rowCounts()).toEqual(before);

    expect((await authenticateToken(existing.token, { now: NOW })).ok).toBe(true);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: other.accessToken.id, now: NOW });
    expect(await authenticateToken(other.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });

    expect(await projectTokenFormRules({ actor: owner, projectId: deep.id, now: NOW })).toMatchObject({
      creationAllowed: false,
      disabledReason: DISABLED,
    });

    await setCreationAllowed(group.id, true);
    await createToken(owner, deep.id);
  });

  it('only the top-level group counts', async () => {
    const { owner, group } = await groupProject();
    const sub = await createGroup({ actor: owner, name: 'Sub', path: 'sub', parentId: group.id });
    const inSub = await createProject({ actor: owner, name: 'In sub', path: 'in-sub', namespaceId: sub.id });
    await setCreationAllowed(sub.id, false);
    const { accessToken } = await createToken(owner, inSub.id, { accessLevel: AccessLevel.Owner });
    expect(accessToken.active).toBe(true);
  });

  it('projects in a personal namespace are not affected', async () => {
    const { owner, project } = await personalProject();
    // Switching off some unrelated group changes nothing here.
    const { group } = await groupProject();
    await setCreationAllowed(group.id, false);
    expect((await projectTokenFormRules({ actor: owner, projectId: project.id, now: NOW })).creationAllowed).toBe(true);
    const created = await createToken(owner, project.id, { accessLevel: AccessLevel.Owner });
    await rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: created.accessToken.id, now: NOW });
  });
});

describe('the switch, set by the top-level group Owner, across the whole tree', () => {
  /** A top-level group with subgroups two levels down and a project at each of depths 1, 2 and 3. */
  async function tree() {
    const { owner, group: top, project: depth1 } = await groupProject();
    const sub = await createGroup({ actor: owner, name: 'Sub', path: 'sub', parentId: top.id });
    const subsub = await createGroup({ actor: owner, name: 'Subsub', path: 'subsub', parentId: sub.id });
    const depth2 = await createProject({ actor: owner, name: 'Two', path: 'two', namespaceId: sub.id });
    const depth3 = await createProject({ actor: owner, name: 'Three', path: 'three', namespaceId: subsub.id });
    return { owner, top, projects: { 1: depth1, 2: depth2, 3: depth3 } };
  }

  it.each([1, 2, 3] as const)('a project at depth %i: refused while off, allowed again when on', async (depth) => {
    const { owner, top, projects } = await tree();
    const project = projects[depth];
    // A Maintainer of the project, as in GitLab the people who manage its tokens.
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    const kept = await createToken(maintainer, project.id, { name: 'kept' });
    const revocable = await createToken(maintainer, project.id, { name: 'revocable' });

    await setGroupTokenCreationAllowed({ actor: owner, groupId: top.id, allowed: false });
    expect(await projectTokenFormRules({ actor: maintainer, projectId: project.id, now: NOW })).toMatchObject({
      creationAllowed: false,
      disabledReason: DISABLED,
    });
    const admin = await createTestUser({ isAdmin: true });
    const before = await rowCounts();
    expect(await failure(createToken(maintainer, project.id))).toEqual({ code: 'forbidden', message: DISABLED });
    expect(
      await failure(rotateProjectAccessToken({ actor: maintainer, projectId: project.id, tokenId: kept.accessToken.id, now: NOW })),
    ).toEqual({ code: 'forbidden', message: DISABLED });
    // An admin is refused too: the switch is about the group, not about who asks.
    expect(await failure(createToken(admin, project.id))).toEqual({ code: 'forbidden', message: DISABLED });
    expect(await rowCounts()).toEqual(before);

    // Existing tokens keep authenticating and can be revoked.
    expect((await authenticateToken(kept.token, { now: NOW })).ok).toBe(true);
    await revokeProjectAccessToken({ actor: maintainer, projectId: project.id, tokenId: revocable.accessToken.id, now: NOW });
    expect(await authenticateToken(revocable.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });

    await setGroupTokenCreationAllowed({ actor: owner, groupId: top.id, allowed: true });
    expect((await projectTokenFormRules({ actor: maintainer, projectId: project.id, now: NOW })).creationAllowed).toBe(true);
    await createToken(maintainer, project.id, { name: 'after' });
    await rotateProjectAccessToken({ actor: maintainer, projectId: project.id, tokenId: kept.accessToken.id, now: NOW });
  });

  it('a project in a personal namespace: creation and rotation unaffected by any group being off', async () => {
    const { owner, project } = await personalProject();
    const { owner: groupOwner, group } = await groupProject();
    await setGroupTokenCreationAllowed({ actor: groupOwner, groupId: group.id, allowed: false });
    expect(await projectTokenFormRules({ actor: owner, projectId: project.id, now: NOW })).toMatchObject({
      creationAllowed: true,
      disabledReason: null,
    });
    const created = await createToken(owner, project.id);
    await rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: created.accessToken.id, now: NOW });
  });

  it('a creation racing the switch either completes before it or is refused', async () => {
    const { owner, group, project } = await groupProject();
    const [outcome] = await Promise.allSettled([
      createToken(owner, project.id, { name: 'racing' }),
      setGroupTokenCreationAllowed({ actor: owner, groupId: group.id, allowed: false }),
    ]);
    if (outcome.status === 'fulfilled') {
      expect((await authenticateToken(outcome.value.token, { now: NOW })).ok).toBe(true);
    } else {
      expect(outcome.reason).toMatchObject({ code: 'forbidden', message: DISABLED });
    }
    expect(await failure(createToken(owner, project.id))).toEqual({ code: 'forbidden', message: DISABLED });
  });
});
