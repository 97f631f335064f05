import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, auditEvents, projectMembers, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel, MEMBER_ACCESS_LEVELS } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { AppError } from '@/lib/errors';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { authenticateToken } from './authenticate';
import { createProjectAccessToken, revokeProjectAccessToken } from './project-access-tokens';
import { createToken, groupMember, groupProject, NOW, projectMember, rowCounts } from '@/tests/token-factories';
import { looksLikeKeyholdToken } from './token-format';
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

describe('who may create a token with which role', () => {
  type Creator = 'non-member' | 'admin' | number;
  const creators: Creator[] = ['non-member', ...MEMBER_ACCESS_LEVELS, 'admin'];
  const rows = creators.flatMap((creator) => MEMBER_ACCESS_LEVELS.map((role) => ({ creator, role })));
  let projectId: number;
  beforeAll(async () => {
    projectId = (await groupProject()).project.id;
  });

  async function creatorActor(creator: Creator): Promise<Actor> {
    if (creator === 'non-member') return createTestUser();
    if (creator === 'admin') return createTestUser({ isAdmin: true });
    return projectMember(projectId, creator);
  }

  it.each(rows)('creator $creator, token role $role', async ({ creator, role }) => {
    const actor = await creatorActor(creator);
    const attempt = createToken(actor, projectId, { accessLevel: role });
    const level = creator === 'admin' ? AccessLevel.Owner : creator === 'non-member' ? AccessLevel.NoAccess : creator;
    if (level < AccessLevel.Maintainer) {
      // Below Maintainer the project does not exist, as far as this actor can tell.
      expect(await failure(attempt)).toEqual({ code: 'not_found', field: undefined, message: 'Project not found' });
    } else if (role > level) {
      expect(await failure(attempt)).toEqual({
        code: 'invalid',
        field: 'accessLevel',
        message: 'Access level of the token contains permissions not held by the creating user',
      });
    } else {
      const { accessToken } = await attempt;
      expect(accessToken.accessLevel).toBe(role);
      const [membership] = await (
        await db()
      )
        .select({ level: projectMembers.accessLevel })
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, accessToken.userId ?? 0)));
      expect(membership?.level).toBe(role);
    }
  });

  it('an unknown project is not found either', async () => {
    const admin = await createTestUser({ isAdmin: true });
    expect(await failure(createToken(admin, 999_999))).toMatchObject({ code: 'not_found', message: 'Project not found' });
  });

  it('Maintainers through a group count, project bots never create tokens', async () => {
    const { group, project } = await groupProject();
    const maintainer = await groupMember(group.id, AccessLevel.Maintainer);
    const { accessToken } = await createToken(maintainer, project.id, { accessLevel: 40 });
    const [bot] = await (
      await db()
    )
      .select()
      .from(users)
      .where(eq(users.id, accessToken.userId ?? 0));
    if (!bot) throw new Error('bot missing');
    const asBot: Actor = {
      id: bot.id,
      username: bot.username,
      name: bot.name,
      isAdmin: false,
      userType: 'project_bot',
      botProjectId: project.id,
    };
    expect(await failure(createToken(asBot, project.id))).toMatchObject({ code: 'forbidden' });
  });
});

describe('a created token', () => {
  it('comes back once in plaintext; only its digest is stored, and the bot is set up as GitLab does', async () => {
    const { owner, project } = await groupProject();
    const before = await rowCounts();
    const { token, accessToken } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: '  Deploy bot  ',
      description: 'Used by CI',
      scopes: ['read_repository', 'api'],
      accessLevel: AccessLevel.Maintainer,
      expiresAt: '2030-03-01',
      now: NOW,
      ipAddress: '10.0.0.1',
    });
    expect(token.startsWith('glpat-')).toBe(true);
    expect(looksLikeKeyholdToken(token)).toBe(true);
    expect(accessToken).toEqual({
      id: expect.any(Number),
      name: 'Deploy bot',
      description: 'Used by CI',
      scopes: ['api', 'read_repository'],
      accessLevel: 40,
      active: true,
      revoked: false,
      revokedAt: null,
      expiresAt: '2030-03-01',
      createdAt: expect.any(Date),
      lastUsedAt: null,
      lastUsedIps: [],
      userId: expect.any(Number),
      projectId: project.id,
    });
    expect(Object.keys(accessToken)).not.toContain('digest');

    const database = await db();
    const [row] = await database.select().from(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(row?.digest).toBe(tokenDigest(token));
    expect(row).toMatchObject({ kind: 'project', createdById: owner.id, previousTokenId: null });
    expect(JSON.stringify(row)).not.toContain(token);

    const [bot] = await database
      .select()
      .from(users)
      .where(eq(users.id, accessToken.userId ?? 0));
    expect(bot).toMatchObject({
      username: `project_${project.id}_bot`,
      email: `project${project.id}_bot@noreply.keyhold.test`,
      name: 'Deploy bot',
      userType: 'project_bot',
      botProjectId: project.id,
      passwordHash: null,
      isAdmin: false,
    });
    const [membership] = await database
      .select()
      .from(projectMembers)
      .where(eq(projectMembers.userId, bot?.id ?? 0));
    expect(membership).toMatchObject({ projectId: project.id, accessLevel: 40, expiresAt: '2030-03-01', createdById: owner.id });

    const events = await database.select().from(auditEvents).where(eq(auditEvents.action, 'project_access_token_created'));
    const event = events.find((candidate) => candidate.details.tokenId === accessToken.id);
    expect(event).toMatchObject({ authorId: owner.id, targetType: 'Project', targetId: project.id, ipAddress: '10.0.0.1' });
    const everything = JSON.stringify(await database.select().from(auditEvents));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(tokenDigest(token));

    expect(await rowCounts()).toEqual({
      users: before.users + 1,
      projectMembers: before.projectMembers + 1,
      accessTokens: before.accessTokens + 1,
      auditEvents: before.auditEvents + 1,
    });
    expect((await authenticateToken(token, { now: NOW })).ok).toBe(true);
  });

  it('uses the instance prefix of the day; old tokens keep working after it changes', async () => {
    const { owner, project } = await groupProject();
    const { token: old } = await createToken(owner, project.id);
    const database = await db();
    await database.execute(sql`update instance_settings set token_prefix = 'acme-' where id = 1`);
    try {
      const { token: fresh } = await createToken(owner, project.id);
      expect(fresh.startsWith('acme-')).toBe(true);
      expect((await authenticateToken(old, { now: NOW })).ok).toBe(true);
      expect((await authenticateToken(fresh, { now: NOW })).ok).toBe(true);
    } finally {
      await database.execute(sql`update instance_settings set token_prefix = 'glpat-' where id = 1`);
    }
  });

  it('without an expiry date from the API gets the maximum allowed; a blank form field is refused', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id, { expiresAt: undefined });
    expect(accessToken.expiresAt).toBe('2031-01-10');
    expect(await failure(createToken(owner, project.id, { expiresAt: '' }))).toMatchObject({ field: 'expiresAt' });
  });
});

describe('refusals write nothing', () => {
  const cases = [
    { label: 'an unknown scope', input: { scopes: ['api', 'sudo'] }, field: 'scopes' },
    { label: 'no scopes', input: { scopes: [] }, field: 'scopes' },
    { label: 'a 256-character name', input: { name: 'n'.repeat(256) }, field: 'name' },
    { label: 'a blank name', input: { name: '   ' }, field: 'name' },
    { label: 'a 256-character description', input: { description: 'd'.repeat(256) }, field: 'description' },
    { label: 'a role outside the list', input: { accessLevel: 35 }, field: 'accessLevel' },
    { label: 'an expiry in the past', input: { expiresAt: '2030-01-09' }, field: 'expiresAt' },
    { label: 'an expiry today', input: { expiresAt: '2030-01-10' }, field: 'expiresAt' },
    { label: 'an expiry beyond the maximum', input: { expiresAt: '2031-01-11' }, field: 'expiresAt' },
    { label: 'a malformed expiry', input: { expiresAt: '2030-13-01' }, field: 'expiresAt' },
    { label: 'a blank expiry', input: { expiresAt: '' }, field: 'expiresAt' },
  ];
  it.each(cases)('$label is refused on field $field', async ({ input, field }) => {
    const { owner, project } = await groupProject();
    const before = await rowCounts();
    expect(await failure(createToken(owner, project.id, input))).toMatchObject({ code: 'invalid', field });
    expect(await rowCounts()).toEqual(before);
  });

  it('names the latest allowed date, as GitLab does', async () => {
    const { owner, project } = await groupProject();
    expect(await failure(createToken(owner, project.id, { expiresAt: '2031-06-01' }))).toMatchObject({
      message: 'Expires at must be before 2031-01-10',
    });
  });
});

describe('bot usernames and e-mails', () => {
  it('are project_N_bot, project_N_bot1, project_N_bot2…, reusing the first free one', async () => {
    const { owner, project } = await groupProject();
    const id = project.id;
    const usernameOf = async (userId: number | null) =>
      (
        await (
          await db()
        )
          .select({ username: users.username, email: users.email })
          .from(users)
          .where(eq(users.id, userId ?? 0))
      )[0];

    const first = await createToken(owner, id);
    const second = await createToken(owner, id);
    const third = await createToken(owner, id);
    expect(await usernameOf(first.accessToken.userId)).toEqual({
      username: `project_${id}_bot`,
      email: `project${id}_bot@noreply.keyhold.test`,
    });
    expect(await usernameOf(second.accessToken.userId)).toEqual({
      username: `project_${id}_bot1`,
      email: `project${id}_bot1@noreply.keyhold.test`,
    });
    expect(await usernameOf(third.accessToken.userId)).toEqual({
      username: `project_${id}_bot2`,
      email: `project${id}_bot2@noreply.keyhold.test`,
    });

    await revokeProjectAccessToken({ actor: owner, projectId: id, tokenId: first.accessToken.id, now: NOW });
    const reused = await createToken(owner, id);
    expect((await usernameOf(reused.accessToken.userId))?.username).toBe(`project_${id}_bot`);

    // Someone signed up with the next name: it is skipped.
    await createTestUser({ username: `project_${id}_bot3` });
    const skipped = await createToken(owner, id);
    expect((await usernameOf(skipped.accessToken.userId))?.username).toBe(`project_${id}_bot4`);
  });
});

describe('concurrent creation', () => {
  it('50 simultaneous creations on one project all succeed with 50 distinct bots', async () => {
    const { owner, project } = await groupProject();
    const before = await rowCounts();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => createToken(owner, project.id, { name: `parallel ${index}` })),
    );
    const failures = results.filter((result) => result.status === 'rejected');
    expect(failures).toEqual([]);
    const database = await db();
    const bots = await database.select({ username: users.username }).from(users).where(eq(users.botProjectId, project.id));
    expect(new Set(bots.map((bot) => bot.username)).size).toBe(50);
    expect(bots.map((bot) => bot.username)).toContain(`project_${project.id}_bot49`);
    const tokens = await database.select({ id: accessTokens.id }).from(accessTokens).where(eq(accessTokens.projectId, project.id));
    expect(tokens).toHaveLength(50);
    expect(await rowCounts()).toEqual({
      users: before.users + 50,
      projectMembers: before.projectMembers + 50,
      accessTokens: before.accessTokens + 50,
      auditEvents: before.auditEvents + 50,
    });
  }, 120_000);
});
