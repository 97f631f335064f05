import { afterEach, describe, expect, it, vi } from 'vitest';
import { accessTokens } from '@/db/schema';
import { db } from '@/db/client';
import { AppError } from '@/lib/errors';
import { FIPS_CREATION_DISABLED_MESSAGE } from '@/lib/settings/fips';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { createToken, groupProject, NOW, personalProject, rowCounts } from '@/tests/token-factories';
import { authenticateToken } from './authenticate';
import { projectTokenFormRules, revokeProjectAccessToken, rotateProjectAccessToken } from './project-access-tokens';
import { creationBlockedReason } from './project-context';
import { generateToken, tokenDigest } from './token-secret';

withFreshDatabase();
afterEach(() => {
  vi.unstubAllEnvs();
});

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('FIPS mode (KEYHOLD_FIPS_MODE=1)', () => {
  it('project access tokens can be neither created, rotated nor used; they can still be revoked', async () => {
    const { owner, project } = await groupProject();
    const personal = await personalProject();
    const existing = await createToken(owner, project.id);
    const other = await createToken(owner, project.id, { name: 'other' });
    const mine = await createToken(personal.owner, personal.project.id);

    vi.stubEnv('KEYHOLD_FIPS_MODE', '1');
    const before = await rowCounts();
    const refused = { code: 'forbidden', message: FIPS_CREATION_DISABLED_MESSAGE };
    expect(await failure(createToken(owner, project.id))).toEqual(refused);
    // Personal namespaces are no exception here: FIPS mode is instance-wide.
    expect(await failure(createToken(personal.owner, personal.project.id))).toEqual(refused);
    expect(
      await failure(rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: existing.accessToken.id, now: NOW })),
    ).toEqual(refused);
    expect(await rowCounts()).toEqual(before);

    expect(await authenticateToken(existing.token, { now: NOW })).toEqual({ ok: false, reason: 'fips' });
    expect(await authenticateToken(mine.token, { now: NOW })).toEqual({ ok: false, reason: 'fips' });
    expect(await projectTokenFormRules({ actor: owner, projectId: project.id, now: NOW })).toMatchObject({
      creationAllowed: false,
      disabledReason: FIPS_CREATION_DISABLED_MESSAGE,
    });

    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: other.accessToken.id, now: NOW });

    vi.stubEnv('KEYHOLD_FIPS_MODE', '0');
    expect((await authenticateToken(existing.token, { now: NOW })).ok).toBe(true);
    expect(await authenticateToken(other.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });
  });

  it('a revoked or expired token still says so; personal access tokens are not affected', async () => {
    const { owner, project } = await groupProject();
    const revoked = await createToken(owner, project.id);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: revoked.accessToken.id, now: NOW });
    const human = await createTestUser();
    const personal = generateToken('glpat-');
    await (await db()).insert(accessTokens).values({
      kind: 'personal',
      userId: human.id,
      name: 'laptop',
      digest: tokenDigest(personal),
      scopes: ['read_api'],
      expiresAt: '2030-05-01',
    });

    vi.stubEnv('KEYHOLD_FIPS_MODE', 'true');
    expect(await authenticateToken(revoked.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });
    expect((await authenticateToken(personal, { now: NOW })).ok).toBe(true);
  });

  it('FIPS mode comes first, then a bot asking, then the group switch', () => {
    expect(creationBlockedReason({ fipsMode: true, botActor: true, groupAllows: false })).toBe(FIPS_CREATION_DISABLED_MESSAGE);
    expect(creationBlockedReason({ fipsMode: false, botActor: true, groupAllows: false })).toBe(
      'Project access tokens cannot be used to create access tokens',
    );
    expect(creationBlockedReason({ fipsMode: false, botActor: false, groupAllows: false })).toMatch(/disabled in this group/);
    expect(creationBlockedReason({ fipsMode: false, botActor: false, groupAllows: true })).toBeNull();
  });
});
