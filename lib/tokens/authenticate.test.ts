import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessTokens, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { authenticateToken } from './authenticate';
import { revokeProjectAccessToken } from './project-access-tokens';
import { createToken, groupProject, NOW } from '@/tests/token-factories';
import { generateToken, tokenDigest } from './token-secret';

withFreshDatabase();

async function tokenRow(id: number) {
  const [row] = await (await db()).select().from(accessTokens).where(eq(accessTokens.id, id));
  if (!row) throw new Error('token row missing');
  return row;
}

const at = (iso: string) => new Date(iso);
const plus = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe('authenticateToken', () => {
  it('returns the token and its bot for a project token', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id, { scopes: ['read_api', 'api'], accessLevel: AccessLevel.Reporter });
    const result = await authenticateToken(token, { now: NOW });
    expect(result).toEqual({
      ok: true,
      token: {
        id: accessToken.id,
        kind: 'project',
        scopes: ['api', 'read_api'],
        expiresAt: '2030-02-01',
        projectId: project.id,
        accessLevel: 20,
      },
      user: {
        id: accessToken.userId,
        username: `project_${project.id}_bot`,
        name: 'CI token',
        isAdmin: false,
        userType: 'project_bot',
        botProjectId: project.id,
      },
    });
  });

  it('stops at 00:00:00 UTC on the expiry date', async () => {
    const { owner, project } = await groupProject();
    const { token } = await createToken(owner, project.id, { expiresAt: '2030-02-01' });
    expect((await authenticateToken(token, { now: at('2030-01-31T23:59:59.999Z') })).ok).toBe(true);
    expect(await authenticateToken(token, { now: at('2030-02-01T00:00:00.000Z') })).toEqual({ ok: false, reason: 'expired' });
    expect(await authenticateToken(token, { now: at('2030-03-01T00:00:00.000Z') })).toEqual({ ok: false, reason: 'expired' });
  });

  it('tells unknown, malformed, revoked and blocked apart', async () => {
    const { owner, project } = await groupProject();
    expect(await authenticateToken(generateToken('glpat-'), { now: NOW })).toEqual({ ok: false, reason: 'unknown' });
    expect(await authenticateToken('not a token', { now: NOW })).toEqual({ ok: false, reason: 'unknown' });
    expect(await authenticateToken('', { now: NOW })).toEqual({ ok: false, reason: 'unknown' });

    const revoked = await createToken(owner, project.id);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: revoked.accessToken.id, now: NOW });
    expect(await authenticateToken(revoked.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });

    const blocked = await createToken(owner, project.id);
    await (
      await db()
    )
      .update(users)
      .set({ state: 'blocked' })
      .where(eq(users.id, blocked.accessToken.userId ?? 0));
    expect(await authenticateToken(blocked.token, { now: NOW })).toEqual({ ok: false, reason: 'blocked' });
  });

  it('authenticates personal tokens as their human', async () => {
    const human = await createTestUser();
    const token = generateToken('glpat-');
    await (await db()).insert(accessTokens).values({
      kind: 'personal',
      userId: human.id,
      name: 'laptop',
      digest: tokenDigest(token),
      scopes: ['read_api'],
      expiresAt: '2030-05-01',
    });
    const result = await authenticateToken(token, { now: NOW });
    expect(result).toMatchObject({
      ok: true,
      token: { kind: 'personal', projectId: null, accessLevel: null },
      user: { id: human.id, userType: 'human' },
    });
  });
});

describe('last used', () => {
  it('is written at most every 10 minutes for the same address', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id);
    const t0 = NOW;
    await authenticateToken(token, { now: t0, ipAddress: '192.0.2.1' });
    const first = await tokenRow(accessToken.id);
    expect(first.lastUsedAt).toEqual(t0);
    expect(first.lastUsedIps).toEqual(['192.0.2.1']);

    for (const offset of [1_000, 5 * 60_000, 10 * 60_000 - 1]) {
      await authenticateToken(token, { now: plus(t0, offset), ipAddress: '192.0.2.1' });
      const row = await tokenRow(accessToken.id);
      expect(row.lastUsedAt).toEqual(t0);
      // No write at all: updated_at did not move.
      expect(row.updatedAt).toEqual(first.updatedAt);
    }
    await authenticateToken(token, { now: plus(t0, 10 * 60_000), ipAddress: '192.0.2.1' });
    expect((await tokenRow(accessToken.id)).lastUsedAt).toEqual(plus(t0, 10 * 60_000));
  });

  it('keeps the last 5 distinct addresses, most recent first', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id);
    const ips = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6'];
    for (const [index, ip] of ips.entries()) await authenticateToken(token, { now: plus(NOW, index * 1000), ipAddress: ip });
    expect((await tokenRow(accessToken.id)).lastUsedIps).toEqual(['10.0.0.6', '10.0.0.5', '10.0.0.4', '10.0.0.3', '10.0.0.2']);

    // A known address within the 10 minutes: nothing is written.
    await authenticateToken(token, { now: plus(NOW, 10_000), ipAddress: '10.0.0.4' });
    expect((await tokenRow(accessToken.id)).lastUsedIps).toEqual(['10.0.0.6', '10.0.0.5', '10.0.0.4', '10.0.0.3', '10.0.0.2']);

    // A forgotten address comes back in front.
    await authenticateToken(token, { now: plus(NOW, 20_000), ipAddress: '10.0.0.1' });
    expect((await tokenRow(accessToken.id)).lastUsedIps).toEqual(['10.0.0.1', '10.0.0.6', '10.0.0.5', '10.0.0.4', '10.0.0.3']);

    // After 10 minutes a known address moves to the front, without duplicates.
    await authenticateToken(token, { now: plus(NOW, 11 * 60_000), ipAddress: '10.0.0.4' });
    const row = await tokenRow(accessToken.id);
    expect(row.lastUsedIps).toEqual(['10.0.0.4', '10.0.0.1', '10.0.0.6', '10.0.0.5', '10.0.0.3']);
    expect(row.lastUsedAt).toEqual(plus(NOW, 11 * 60_000));
  });

  it('concurrent uses from new addresses lose none of them', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id);
    await Promise.all(['10.1.0.1', '10.1.0.2', '10.1.0.3'].map((ip) => authenticateToken(token, { now: NOW, ipAddress: ip })));
    expect([...(await tokenRow(accessToken.id)).lastUsedIps].sort()).toEqual(['10.1.0.1', '10.1.0.2', '10.1.0.3']);
  });

  it('without an address only the time is recorded', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id);
    await authenticateToken(token, { now: NOW });
    expect(await tokenRow(accessToken.id)).toMatchObject({ lastUsedAt: NOW, lastUsedIps: [] });
  });
});
