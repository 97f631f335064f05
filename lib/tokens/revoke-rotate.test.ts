import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessTokens, auditEvents, groupMembers, projectMembers, projects, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { recordAuditEvent } from '@/lib/audit/audit-events';
import { AppError } from '@/lib/errors';
import { toActor } from '@/lib/users/users';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { authenticateToken } from './authenticate';
import { listProjectAccessTokens, revokeProjectAccessToken, rotateProjectAccessToken } from './project-access-tokens';
import { createToken, groupProject, NOW, projectMember } from '@/tests/token-factories';
import { tokenDigest } from './token-secret';

withFreshDatabase();

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function userById(id: number | null) {
  const [user] = await (
    await db()
  )
    .select()
    .from(users)
    .where(eq(users.id, id ?? 0));
  return user ?? null;
}

async function reason(token: string, now = NOW) {
  const result = await authenticateToken(token, { now });
  return result.ok ? 'ok' : result.reason;
}

describe('revoking a token', () => {
  it('deletes the bot and moves everything it authored to the Ghost User, losing nothing', async () => {
    const { owner, group, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id, { accessLevel: AccessLevel.Maintainer });
    const database = await db();
    const bot = await userById(accessToken.userId);
    if (!bot) throw new Error('no bot');

    // What a bot leaves behind after using the API: audit events, members it added, a token row it created.
    await recordAuditEvent(database, { author: bot, action: 'member_added', target: { type: 'Project', id: project.id } });
    await recordAuditEvent(database, { author: bot, action: 'member_updated', target: { type: 'Project', id: project.id } });
    const colleague = await createTestUser();
    await database.insert(projectMembers).values({ projectId: project.id, userId: colleague.id, accessLevel: 30, createdById: bot.id });
    await database.insert(groupMembers).values({ groupId: group.id, userId: colleague.id, accessLevel: 10, createdById: bot.id });
    await database.update(projects).set({ creatorId: bot.id }).where(eq(projects.id, project.id));
    await database.insert(accessTokens).values({
      kind: 'personal',
      userId: colleague.id,
      name: 'made by bot',
      digest: `x-${bot.id}`,
      scopes: ['api'],
      expiresAt: '2030-06-01',
      createdById: bot.id,
    });
    const eventsBefore = (await database.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;
    const authoredByBot = await database.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.authorId, bot.id));
    expect(authoredByBot).toHaveLength(2);

    const revoked = await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW });
    expect(revoked).toMatchObject({ id: accessToken.id, revoked: true, active: false, revokedAt: NOW, userId: null });

    const ghost = (await database.select().from(users).where(eq(users.userType, 'ghost')))[0];
    expect(ghost).toMatchObject({ username: 'ghost', name: 'Ghost User', passwordHash: null });
    expect(await userById(bot.id)).toBeNull();
    expect(await database.select().from(projectMembers).where(eq(projectMembers.userId, bot.id))).toEqual([]);

    // Nothing lost: the same events plus the revocation, the bot's now the ghost's.
    expect((await database.select({ n: count() }).from(auditEvents))[0]?.n).toBe(eventsBefore + 1);
    for (const { id } of authoredByBot) {
      const [event] = await database.select().from(auditEvents).where(eq(auditEvents.id, id));
      expect(event?.authorId).toBe(ghost?.id);
      expect(event?.authorName).toBe(bot.username);
    }
    expect((await database.select().from(projectMembers).where(eq(projectMembers.userId, colleague.id)))[0]?.createdById).toBe(ghost?.id);
    expect((await database.select().from(groupMembers).where(eq(groupMembers.userId, colleague.id)))[0]?.createdById).toBe(ghost?.id);
    expect((await database.select().from(projects).where(eq(projects.id, project.id)))[0]?.creatorId).toBe(ghost?.id);
    expect(
      (
        await database
          .select()
          .from(accessTokens)
          .where(eq(accessTokens.digest, `x-${bot.id}`))
      )[0]?.createdById,
    ).toBe(ghost?.id);

    expect(await reason(token)).toBe('revoked');
    const inactive = await listProjectAccessTokens({ actor: owner, projectId: project.id, state: 'inactive', now: NOW });
    expect(inactive.map((item) => item.id)).toEqual([accessToken.id]);
  });

  it('a second revocation is refused', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW });
    expect(
      await failure(revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'invalid',
      message: 'Token already revoked',
    });
  });

  it('needs Maintainer on that very project; a token of another project is not found', async () => {
    const { owner, project } = await groupProject();
    const other = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    const developer = await projectMember(project.id, AccessLevel.Developer);
    expect(
      await failure(revokeProjectAccessToken({ actor: developer, projectId: project.id, tokenId: accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'not_found',
      message: 'Project not found',
    });
    expect(
      await failure(revokeProjectAccessToken({ actor: other.owner, projectId: other.project.id, tokenId: accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'not_found',
    });
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    await revokeProjectAccessToken({ actor: maintainer, projectId: project.id, tokenId: accessToken.id, now: NOW });
  });

  it('a bot revoking its own token leaves its events to the Ghost User', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id, { accessLevel: AccessLevel.Maintainer });
    const bot = await userById(accessToken.userId);
    if (!bot) throw new Error('no bot');
    await revokeProjectAccessToken({ actor: toActor(bot), projectId: project.id, tokenId: accessToken.id, now: NOW });
    const events = await (await db()).select().from(auditEvents).where(eq(auditEvents.action, 'project_access_token_revoked'));
    const event = events.find((candidate) => candidate.details.tokenId === accessToken.id);
    const [ghost] = await (await db()).select().from(users).where(eq(users.userType, 'ghost'));
    expect(event).toMatchObject({ authorName: bot.username, authorId: ghost?.id });
    expect(await userById(bot.id)).toBeNull();
  });
});

describe('rotating a token', () => {
  it('gives a working new token with the same settings and bot; the old one is revoked', async () => {
    const { owner, project } = await groupProject();
    const created = await createToken(owner, project.id, {
      name: 'deploy',
      description: 'CD',
      scopes: ['read_api', 'read_registry'],
      accessLevel: 20,
    });
    const rotated = await rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: created.accessToken.id, now: NOW });
    expect(rotated.token).not.toBe(created.token);
    expect(rotated.accessToken).toMatchObject({
      name: 'deploy',
      description: 'CD',
      scopes: ['read_api', 'read_registry'],
      accessLevel: 20,
      userId: created.accessToken.userId,
      active: true,
      // One week unless told otherwise.
      expiresAt: '2030-01-17',
    });
    expect(await reason(created.token)).toBe('revoked');
    const auth = await authenticateToken(rotated.token, { now: NOW });
    expect(auth.ok && auth.user.id).toBe(created.accessToken.userId);
    expect(await userById(created.accessToken.userId)).not.toBeNull();

    const database = await db();
    const [row] = await database.select().from(accessTokens).where(eq(accessTokens.id, rotated.accessToken.id));
    expect(row?.previousTokenId).toBe(created.accessToken.id);
    expect(row?.digest).toBe(tokenDigest(rotated.token));
    const [membership] = await database
      .select()
      .from(projectMembers)
      .where(eq(projectMembers.userId, created.accessToken.userId ?? 0));
    expect(membership?.expiresAt).toBe('2030-01-17');

    const active = await listProjectAccessTokens({ actor: owner, projectId: project.id, state: 'active', now: NOW });
    expect(active.map((token) => token.id)).toEqual([rotated.accessToken.id]);
  });

  it('takes an expiry date within the same rules as creation', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    expect(
      await failure(
        rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, expiresAt: '2031-01-11', now: NOW }),
      ),
    ).toMatchObject({
      code: 'invalid',
      field: 'expiresAt',
    });
    const rotated = await rotateProjectAccessToken({
      actor: owner,
      projectId: project.id,
      tokenId: accessToken.id,
      expiresAt: '2030-05-05',
      now: NOW,
    });
    expect(rotated.accessToken.expiresAt).toBe('2030-05-05');
  });

  it('re-using a rotated token revokes the whole chain and refuses', async () => {
    const { owner, project } = await groupProject();
    const first = await createToken(owner, project.id);
    const second = await rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: first.accessToken.id, now: NOW });
    const third = await rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: second.accessToken.id, now: NOW });
    expect(await reason(third.token)).toBe('ok');

    expect(
      await failure(rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: first.accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'invalid',
      message: 'Token already revoked',
    });
    expect(await reason(third.token)).toBe('revoked');
    expect(await userById(first.accessToken.userId)).toBeNull();
    const [event] = await (await db()).select().from(auditEvents).where(eq(auditEvents.action, 'project_access_token_reuse_detected'));
    expect(event?.details).toMatchObject({ tokenId: first.accessToken.id, revokedTokenIds: [third.accessToken.id] });
    expect(await listProjectAccessTokens({ actor: owner, projectId: project.id, state: 'active', now: NOW })).toEqual([]);
  });

  it('a plainly revoked token cannot be rotated', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW });
    expect(
      await failure(rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW })),
    ).toMatchObject({
      message: 'Token already revoked',
    });
  });

  it('an expired token cannot be rotated', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id, { expiresAt: '2030-01-12' });
    const later = new Date('2030-01-12T00:00:00Z');
    expect(
      await failure(rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: later })),
    ).toMatchObject({
      code: 'invalid',
      message: 'Token already expired',
    });
  });

  it('two simultaneous rotations of one token: one wins, the other is refused as re-use', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    const results = await Promise.allSettled([
      rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW }),
      rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW }),
    ]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid', message: 'Token already revoked' });
    const successors = await (await db()).select().from(accessTokens).where(eq(accessTokens.previousTokenId, accessToken.id));
    expect(successors).toHaveLength(1);
  });

  it('a Maintainer cannot rotate an Owner token; bots may rotate only their own token', async () => {
    const { owner, project } = await groupProject();
    const ownerToken = await createToken(owner, project.id, { accessLevel: AccessLevel.Owner });
    const otherToken = await createToken(owner, project.id, { accessLevel: AccessLevel.Maintainer });
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    expect(
      await failure(rotateProjectAccessToken({ actor: maintainer, projectId: project.id, tokenId: ownerToken.accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'forbidden',
    });

    const bot = await userById(ownerToken.accessToken.userId);
    if (!bot) throw new Error('no bot');
    const asBot: Actor = toActor(bot);
    expect(
      await failure(rotateProjectAccessToken({ actor: asBot, projectId: project.id, tokenId: otherToken.accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'forbidden',
    });
    const self = await rotateProjectAccessToken({ actor: asBot, projectId: project.id, tokenId: ownerToken.accessToken.id, now: NOW });
    expect(self.accessToken.userId).toBe(bot.id);
    expect(await reason(self.token)).toBe('ok');
  });

  it('a Developer cannot rotate at all', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    const developer = await projectMember(project.id, AccessLevel.Developer);
    expect(
      await failure(rotateProjectAccessToken({ actor: developer, projectId: project.id, tokenId: accessToken.id, now: NOW })),
    ).toMatchObject({
      code: 'not_found',
      message: 'Project not found',
    });
  });
});

describe('creator attribution survives', () => {
  it('the creator is kept on the token after the bot is gone', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id, now: NOW });
    const [row] = await (await db()).select().from(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(row).toMatchObject({ createdById: owner.id, userId: null, accessLevel: AccessLevel.Developer });
  });
});
