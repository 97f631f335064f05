import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessTokens, auditEvents, users } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '@/lib/actor';
import { AppError } from '@/lib/errors';
import { toActor } from '@/lib/users/users';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { createPersonalToken, NOW, setMaxLifetimeDays, setUserState } from '@/tests/personal-token-factories';
import { createToken, groupProject, rowCounts } from '@/tests/token-factories';
import { authenticateToken } from './authenticate';
import {
  getCurrentAccessToken,
  getPersonalAccessToken,
  listPersonalAccessTokens,
  personalAccessTokenOwner,
  personalTokenFormRules,
  revokePersonalAccessToken,
  rotatePersonalAccessToken,
} from './personal-access-tokens';
import { PERSONAL_TOKEN_SCOPES } from './scopes';
import { tokenDigest } from './token-secret';

withFreshDatabase();

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function reason(token: string, now = NOW) {
  const result = await authenticateToken(token, { now });
  return result.ok ? 'ok' : result.reason;
}

async function userById(id: number): Promise<Actor> {
  const [user] = await (await db()).select().from(users).where(eq(users.id, id));
  if (!user) throw new Error(`no user ${id}`);
  return toActor(user);
}

const NOT_FOUND = { code: 'not_found', field: undefined, message: 'Personal access token not found' };

describe('creating a personal access token', () => {
  it('gives a working token of its human, stored only as a digest, shown once, audited', async () => {
    const user = await createTestUser();
    const { token, accessToken } = await createPersonalToken(user, {
      name: '  laptop  ',
      description: 'my machine',
      scopes: ['read_user', 'api', 'read_user'],
    });
    expect(token).toMatch(/^glpat-[0-9A-Za-z]{38}$/);
    expect(accessToken).toMatchObject({
      kind: 'personal',
      name: 'laptop',
      description: 'my machine',
      // De-duplicated, in GitLab's order.
      scopes: ['api', 'read_user'],
      userId: user.id,
      active: true,
      revoked: false,
      expiresAt: '2030-02-01',
      lastUsedAt: null,
    });

    const auth = await authenticateToken(token, { now: NOW });
    expect(auth).toMatchObject({ ok: true, token: { kind: 'personal', projectId: null, accessLevel: null }, user: { id: user.id } });

    const database = await db();
    const [row] = await database.select().from(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(row).toMatchObject({ digest: tokenDigest(token), createdById: user.id, projectId: null });
    expect(JSON.stringify(row)).not.toContain(token);
    // No bot user: the token is the person's own.
    expect((await database.select().from(users).where(eq(users.userType, 'project_bot'))).length).toBe(0);
    const [event] = await database
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'personal_access_token_created'), eq(auditEvents.targetId, user.id)));
    expect(event).toMatchObject({ authorId: user.id, targetType: 'User', targetName: user.username });
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it.each(PERSONAL_TOKEN_SCOPES)('accepts the personal scope %s', async (scope) => {
    const user = await createTestUser();
    expect((await createPersonalToken(user, { scopes: [scope] })).accessToken.scopes).toEqual([scope]);
  });

  it('refuses project-only, unknown and missing scopes, a blank name, and writes nothing', async () => {
    const user = await createTestUser();
    const before = await rowCounts();
    for (const scopes of [['read_registry'], ['write_registry'], ['sudo'], ['api', 'nonsense']]) {
      expect(await failure(createPersonalToken(user, { scopes }))).toEqual({
        code: 'invalid',
        field: 'scopes',
        message: 'Scopes can only contain available scopes',
      });
    }
    expect(await failure(createPersonalToken(user, { scopes: [] }))).toMatchObject({ field: 'scopes', message: "Scopes can't be blank" });
    expect(await failure(createPersonalToken(user, { name: '  ' }))).toMatchObject({ field: 'name' });
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps the expiry inside the instance lifetime limit; no date means the latest allowed', async () => {
    const user = await createTestUser();
    // NOW is 2030-01-10; the default limit is 365 days.
    expect((await createPersonalToken(user, { expiresAt: undefined })).accessToken.expiresAt).toBe('2031-01-10');
    expect(await failure(createPersonalToken(user, { expiresAt: '2031-01-11' }))).toEqual({
      code: 'invalid',
      field: 'expiresAt',
      message: 'Expires at must be before 2031-01-10',
    });
    expect(await failure(createPersonalToken(user, { expiresAt: '2030-01-10' }))).toMatchObject({ field: 'expiresAt' });
    expect(await failure(createPersonalToken(user, { expiresAt: '2030-02-30' }))).toMatchObject({ field: 'expiresAt' });

    await setMaxLifetimeDays(30);
    try {
      expect((await createPersonalToken(user, { expiresAt: undefined })).accessToken.expiresAt).toBe('2030-02-09');
      expect(await failure(createPersonalToken(user, { expiresAt: '2030-02-10' }))).toMatchObject({
        message: 'Expires at must be before 2030-02-09',
      });
      expect(await personalTokenFormRules({ actor: user, now: NOW })).toEqual({
        minExpiresAt: '2030-01-11',
        maxExpiresAt: '2030-02-09',
        defaultExpiresAt: '2030-02-09',
      });
    } finally {
      await setMaxLifetimeDays(null);
    }
    expect(await personalTokenFormRules({ actor: user, now: NOW })).toEqual({
      minExpiresAt: '2030-01-11',
      maxExpiresAt: '2031-01-10',
      defaultExpiresAt: '2030-02-09',
    });
  });

  it('uses the instance token prefix of the moment', async () => {
    const { instanceSettings } = await import('@/db/schema');
    const database = await db();
    const user = await createTestUser();
    const before = await createPersonalToken(user);
    await database.update(instanceSettings).set({ tokenPrefix: 'kh-' }).where(eq(instanceSettings.id, 1));
    try {
      const after = await createPersonalToken(user);
      expect(after.token).toMatch(/^kh-/);
      // The old prefix keeps working.
      expect(await reason(before.token)).toBe('ok');
      expect(await reason(after.token)).toBe('ok');
    } finally {
      await database.update(instanceSettings).set({ tokenPrefix: 'glpat-' }).where(eq(instanceSettings.id, 1));
    }
  });

  it('an admin creates one for another person; nobody else may, and bots, ghosts and blocked users get none', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const person = await createTestUser();
    const stranger = await createTestUser();
    const { token, accessToken } = await createPersonalToken(admin, { userId: person.id, name: 'provisioned' });
    expect(accessToken.userId).toBe(person.id);
    const auth = await authenticateToken(token, { now: NOW });
    expect(auth.ok && auth.user.id).toBe(person.id);
    const [row] = await (await db()).select().from(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(row?.createdById).toBe(admin.id);

    expect(await failure(createPersonalToken(stranger, { userId: person.id }))).toEqual({
      code: 'forbidden',
      field: undefined,
      message: "Only administrators can manage other users' personal access tokens",
    });
    expect(await failure(createPersonalToken(admin, { userId: 999_999 }))).toMatchObject({ code: 'not_found', message: 'User not found' });

    const { owner, project } = await groupProject();
    const projectToken = await createToken(owner, project.id);
    const bot = await userById(projectToken.accessToken.userId!);
    expect(await failure(createPersonalToken(admin, { userId: bot.id }))).toMatchObject({ code: 'not_found' });
    // A bot (a project token's user) cannot make personal tokens at all.
    expect(await failure(createPersonalToken(bot))).toMatchObject({ code: 'forbidden' });

    const blocked = await createTestUser();
    await setUserState(blocked.id, 'blocked');
    expect(await failure(createPersonalToken(admin, { userId: blocked.id }))).toMatchObject({ code: 'invalid' });
  });
});

describe('listing and reading personal access tokens', () => {
  it("shows a person only their own tokens; others' are invisible, admins see any", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const admin = await createTestUser({ isAdmin: true });
    const a1 = await createPersonalToken(alice, { name: 'alpha' });
    const a2 = await createPersonalToken(alice, { name: 'beta' });
    const b1 = await createPersonalToken(bob, { name: 'bobs' });
    const { owner, project } = await groupProject();
    const projectToken = await createToken(owner, project.id);

    const own = await listPersonalAccessTokens({ actor: alice, now: NOW });
    expect(own.tokens.map((token) => token.id)).toEqual([a2.accessToken.id, a1.accessToken.id]);
    expect(own.total).toBe(2);
    expect(JSON.stringify(own)).not.toMatch(/digest|glpat-/);

    expect(await failure(listPersonalAccessTokens({ actor: alice, userId: bob.id, now: NOW }))).toMatchObject({ code: 'forbidden' });
    expect(await failure(getPersonalAccessToken({ actor: alice, tokenId: b1.accessToken.id }))).toEqual(NOT_FOUND);
    expect(await failure(getPersonalAccessToken({ actor: alice, tokenId: 999_999 }))).toEqual(NOT_FOUND);
    // A project token is not a personal token, even for its project's Owner.
    expect(await failure(getPersonalAccessToken({ actor: owner, tokenId: projectToken.accessToken.id }))).toEqual(NOT_FOUND);
    expect((await getPersonalAccessToken({ actor: alice, tokenId: a1.accessToken.id, now: NOW })).name).toBe('alpha');

    expect((await listPersonalAccessTokens({ actor: admin, userId: bob.id, now: NOW })).tokens.map((token) => token.id)).toEqual([
      b1.accessToken.id,
    ]);
    const all = await listPersonalAccessTokens({ actor: admin, userId: 'all', now: NOW });
    expect(all.tokens.map((token) => token.id)).toEqual(expect.arrayContaining([a1.accessToken.id, a2.accessToken.id, b1.accessToken.id]));
    expect(all.tokens.every((token) => token.kind === 'personal')).toBe(true);
    expect((await getPersonalAccessToken({ actor: admin, tokenId: b1.accessToken.id })).userId).toBe(bob.id);
  });

  it('filters by state, revoked and name, and pages with a total', async () => {
    const user = await createTestUser();
    const working = await createPersonalToken(user, { name: 'Deploy one' });
    const revoked = await createPersonalToken(user, { name: 'deploy two' });
    await revokePersonalAccessToken({ actor: user, tokenId: revoked.accessToken.id, now: NOW });
    const expired = await createPersonalToken(user, { name: 'old', expiresAt: '2030-01-11' });
    const later = new Date('2030-01-12T12:00:00Z');
    const ids = async (options: Omit<Parameters<typeof listPersonalAccessTokens>[0], 'actor'>) =>
      (await listPersonalAccessTokens({ actor: user, now: later, ...options })).tokens.map((token) => token.id);

    expect(await ids({ state: 'active' })).toEqual([working.accessToken.id]);
    // Latest to stop working first: expired at 2030-01-11 00:00, revoked at NOW (2030-01-10 12:00).
    expect(await ids({ state: 'inactive' })).toEqual([expired.accessToken.id, revoked.accessToken.id]);
    expect(await ids({ revoked: true })).toEqual([revoked.accessToken.id]);
    expect(await ids({ search: 'DEPLOY' })).toEqual([revoked.accessToken.id, working.accessToken.id]);
    const page = await listPersonalAccessTokens({ actor: user, now: later, limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, tokens: [{ id: revoked.accessToken.id }] });
    // Inactive for longer than the page's 30 days: no longer listed there.
    expect(await ids({ state: 'inactive', inactiveWithinDays: 30 })).toHaveLength(2);
    const muchLater = new Date('2030-04-01T00:00:00Z');
    expect((await listPersonalAccessTokens({ actor: user, now: muchLater, state: 'inactive', inactiveWithinDays: 30 })).tokens).toEqual([]);
    const [expiredDto] = (await listPersonalAccessTokens({ actor: user, now: later, state: 'inactive' })).tokens;
    expect(expiredDto).toMatchObject({ active: false, revoked: false });
  });

  it('describes the token in use to its own user, whatever its kind', async () => {
    const user = await createTestUser();
    const mine = await createPersonalToken(user);
    expect((await getCurrentAccessToken({ actor: user, tokenId: mine.accessToken.id })).id).toBe(mine.accessToken.id);
    const { owner, project } = await groupProject();
    const projectToken = await createToken(owner, project.id);
    const bot = await userById(projectToken.accessToken.userId!);
    expect(await getCurrentAccessToken({ actor: bot, tokenId: projectToken.accessToken.id, now: NOW })).toMatchObject({
      kind: 'project',
      userId: bot.id,
    });
    expect(await failure(getCurrentAccessToken({ actor: user, tokenId: projectToken.accessToken.id }))).toEqual(NOT_FOUND);
  });

  it('tells local tooling whose token an id is', async () => {
    const user = await createTestUser();
    const { accessToken } = await createPersonalToken(user);
    expect((await personalAccessTokenOwner(accessToken.id))?.id).toBe(user.id);
    expect(await personalAccessTokenOwner(999_999)).toBeNull();
  });
});

describe('revoking a personal access token', () => {
  it('stops it at once; only once; only by its user or an admin', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const admin = await createTestUser({ isAdmin: true });
    const { token, accessToken } = await createPersonalToken(user);

    expect(await failure(revokePersonalAccessToken({ actor: other, tokenId: accessToken.id, now: NOW }))).toEqual(NOT_FOUND);
    expect(await reason(token)).toBe('ok');

    const revoked = await revokePersonalAccessToken({ actor: user, tokenId: accessToken.id, now: NOW });
    expect(revoked).toMatchObject({ revoked: true, active: false, revokedAt: NOW, userId: user.id });
    expect(await reason(token)).toBe('revoked');
    expect(await failure(revokePersonalAccessToken({ actor: user, tokenId: accessToken.id, now: NOW }))).toMatchObject({
      code: 'invalid',
      message: 'Token already revoked',
    });
    // The person stays, of course: no bot is involved.
    expect((await userById(user.id)).id).toBe(user.id);

    const second = await createPersonalToken(user);
    await revokePersonalAccessToken({ actor: admin, tokenId: second.accessToken.id, now: NOW });
    expect(await reason(second.token)).toBe('revoked');
    const events = await (await db()).select().from(auditEvents).where(eq(auditEvents.action, 'personal_access_token_revoked'));
    expect(events.filter((event) => event.targetId === user.id).map((event) => event.authorId)).toEqual([user.id, admin.id]);
  });

  it("a blocked person's tokens stop working, and work again once unblocked", async () => {
    const user = await createTestUser();
    const { token } = await createPersonalToken(user);
    await setUserState(user.id, 'blocked');
    expect(await reason(token)).toBe('blocked');
    await setUserState(user.id, 'active');
    expect(await reason(token)).toBe('ok');
  });
});

describe('rotating a personal access token', () => {
  it('gives a working new token with the same settings; the old one is revoked; a week by default', async () => {
    const user = await createTestUser();
    const created = await createPersonalToken(user, { name: 'ci', description: 'pipelines', scopes: ['read_api', 'read_user'] });
    const rotated = await rotatePersonalAccessToken({ actor: user, tokenId: created.accessToken.id, now: NOW });
    expect(rotated.token).not.toBe(created.token);
    expect(rotated.accessToken).toMatchObject({
      kind: 'personal',
      name: 'ci',
      description: 'pipelines',
      scopes: ['read_api', 'read_user'],
      userId: user.id,
      active: true,
      expiresAt: '2030-01-17',
    });
    expect(await reason(created.token)).toBe('revoked');
    expect(await reason(rotated.token)).toBe('ok');
    const [row] = await (await db()).select().from(accessTokens).where(eq(accessTokens.id, rotated.accessToken.id));
    expect(row?.previousTokenId).toBe(created.accessToken.id);

    const custom = await rotatePersonalAccessToken({ actor: user, tokenId: rotated.accessToken.id, expiresAt: '2030-03-01', now: NOW });
    expect(custom.accessToken.expiresAt).toBe('2030-03-01');
    expect(
      await failure(rotatePersonalAccessToken({ actor: user, tokenId: custom.accessToken.id, expiresAt: '2031-01-11', now: NOW })),
    ).toMatchObject({ field: 'expiresAt', message: 'Expires at must be before 2031-01-10' });
    // The refused rotation changed nothing.
    expect(await reason(custom.token)).toBe('ok');
  });

  it('re-use of a rotated token revokes the whole chain and is refused', async () => {
    const user = await createTestUser();
    const first = await createPersonalToken(user);
    const second = await rotatePersonalAccessToken({ actor: user, tokenId: first.accessToken.id, now: NOW });
    const third = await rotatePersonalAccessToken({ actor: user, tokenId: second.accessToken.id, now: NOW });

    expect(await failure(rotatePersonalAccessToken({ actor: user, tokenId: first.accessToken.id, now: NOW }))).toMatchObject({
      code: 'invalid',
      message: 'Token already revoked',
    });
    expect(await reason(third.token)).toBe('revoked');
    const [event] = await (await db()).select().from(auditEvents).where(eq(auditEvents.action, 'personal_access_token_reuse_detected'));
    expect(event).toMatchObject({ authorId: user.id, targetId: user.id });
    expect(event?.details.revokedTokenIds).toEqual([third.accessToken.id]);
    // The person is untouched.
    expect((await userById(user.id)).id).toBe(user.id);
    // A token revoked without a successor is simply "already revoked", and nothing else happens.
    const lone = await createPersonalToken(user);
    const keep = await createPersonalToken(user);
    await revokePersonalAccessToken({ actor: user, tokenId: lone.accessToken.id, now: NOW });
    expect(await failure(rotatePersonalAccessToken({ actor: user, tokenId: lone.accessToken.id, now: NOW }))).toMatchObject({
      message: 'Token already revoked',
    });
    expect(await reason(keep.token)).toBe('ok');
  });

  it("refuses expired tokens and other people's tokens; admins may rotate anyone's", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const admin = await createTestUser({ isAdmin: true });
    const expiring = await createPersonalToken(user, { expiresAt: '2030-01-11' });
    expect(
      await failure(rotatePersonalAccessToken({ actor: user, tokenId: expiring.accessToken.id, now: new Date('2030-01-11T00:00:00Z') })),
    ).toMatchObject({ code: 'invalid', message: 'Token already expired' });

    const { token, accessToken } = await createPersonalToken(user);
    expect(await failure(rotatePersonalAccessToken({ actor: other, tokenId: accessToken.id, now: NOW }))).toEqual(NOT_FOUND);
    expect(await reason(token)).toBe('ok');
    const byAdmin = await rotatePersonalAccessToken({ actor: admin, tokenId: accessToken.id, now: NOW });
    expect(byAdmin.accessToken.userId).toBe(user.id);
    const auth = await authenticateToken(byAdmin.token, { now: NOW });
    expect(auth.ok && auth.user.id).toBe(user.id);
  });

  it('two concurrent rotations of one token: exactly one wins', async () => {
    const user = await createTestUser();
    const { accessToken } = await createPersonalToken(user);
    const outcomes = await Promise.allSettled([
      rotatePersonalAccessToken({ actor: user, tokenId: accessToken.id, now: NOW }),
      rotatePersonalAccessToken({ actor: user, tokenId: accessToken.id, now: NOW }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });
});
