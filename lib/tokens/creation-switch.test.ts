import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { withFreshDatabase } from '@/tests/database';
import { authenticateToken } from './authenticate';
import { projectTokenFormRules, revokeProjectAccessToken, rotateProjectAccessToken } from './project-access-tokens';
import { createToken, groupProject, NOW, personalProject, rowCounts, setCreationAllowed } from '@/tests/token-factories';

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
