import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessTokens, auditEvents, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { authenticateToken } from '@/lib/tokens/authenticate';
import { generateToken, tokenDigest } from '@/lib/tokens/token-secret';
import { ghostUser } from '@/lib/users/ghost-user';
import { findActiveUser, verifyCredentials } from '@/lib/users/users';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { createToken, groupProject, NOW, projectMember, rowCounts } from '@/tests/token-factories';
import { instanceOverview } from './instance-overview';
import { blockProblem } from './user-rules';
import { blockUser, listUsersForAdmin, unblockUser } from './users';

withFreshDatabase();

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function personalToken(userId: number) {
  const token = generateToken('glpat-');
  await (await db()).insert(accessTokens).values({
    kind: 'personal',
    userId,
    name: 'laptop',
    digest: tokenDigest(token),
    scopes: ['read_api'],
    expiresAt: '2030-05-01',
  });
  return token;
}

describe('blockProblem', () => {
  it.each([
    ['a person', { id: 2, userType: 'human' as const }, null],
    ['oneself', { id: 1, userType: 'human' as const }, 'You cannot block your own account.'],
    ['a project bot', { id: 2, userType: 'project_bot' as const }, 'Bot and ghost users cannot be edited here.'],
    ['a group bot', { id: 2, userType: 'group_bot' as const }, 'Bot and ghost users cannot be edited here.'],
    ['the ghost', { id: 2, userType: 'ghost' as const }, 'Bot and ghost users cannot be edited here.'],
  ])('%s', (_name, target, expected) => {
    expect(blockProblem({ id: 1 }, target)).toBe(expected);
  });
});

describe('Admin > Users', () => {
  it('lists people, bots and the ghost with their type, admin flag and state; search and type filter', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const tag = uniqueSuffix();
    const person = await createTestUser({ username: `alice-${tag}` });
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id, { name: `bot-${tag}` });
    const ghost = await ghostUser(await db());

    const found = await listUsersForAdmin({ actor: admin, search: `ALICE-${tag}` });
    expect(found.total).toBe(1);
    expect(found.users[0]).toEqual({
      id: person.id,
      username: person.username,
      name: person.username,
      email: `${person.username}@example.com`,
      kind: 'human',
      isAdmin: false,
      state: 'active',
      createdAt: expect.any(Date),
      canBlock: true,
    });
    expect(found.users[0]).not.toHaveProperty('passwordHash');

    const bots = await listUsersForAdmin({ actor: admin, kind: 'bot', perPage: 100 });
    const bot = bots.users.find((user) => user.id === accessToken.userId);
    expect(bot).toMatchObject({ kind: 'bot', canBlock: false, name: `bot-${tag}` });
    expect(bots.users.every((user) => user.kind === 'bot')).toBe(true);

    const ghosts = await listUsersForAdmin({ actor: admin, kind: 'ghost' });
    expect(ghosts.users).toEqual([expect.objectContaining({ id: ghost.id, kind: 'ghost', canBlock: false })]);

    const self = await listUsersForAdmin({ actor: admin, search: admin.username });
    expect(self.users[0]).toMatchObject({ isAdmin: true, canBlock: false });

    // Wildcards typed into the search box are taken literally.
    expect((await listUsersForAdmin({ actor: admin, search: '%' })).total).toBe(0);
  });

  it('paginates', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const tag = uniqueSuffix();
    for (let index = 0; index < 5; index++) await createTestUser({ username: `page-${tag}-${index}` });
    const first = await listUsersForAdmin({ actor: admin, search: `page-${tag}`, perPage: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, totalPages: 3 });
    expect(first.users.map((user) => user.username)).toEqual([`page-${tag}-0`, `page-${tag}-1`]);
    const last = await listUsersForAdmin({ actor: admin, search: `page-${tag}`, perPage: 2, page: 99 });
    expect(last.page).toBe(3);
    expect(last.users.map((user) => user.username)).toEqual([`page-${tag}-4`]);
  });

  it('blocking a person ends their sign-in, sessions and tokens; unblocking restores them; both audited', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const person = await createTestUser();
    const token = await personalToken(person.id);
    expect((await authenticateToken(token, { now: NOW })).ok).toBe(true);

    const blocked = await blockUser({ actor: admin, userId: person.id, ipAddress: '192.0.2.8' });
    expect(blocked.state).toBe('blocked');
    expect(await verifyCredentials(person.username, 'correct horse battery')).toBeNull();
    expect(await findActiveUser(person.id)).toBeNull();
    expect(await authenticateToken(token, { now: NOW })).toEqual({ ok: false, reason: 'blocked' });

    const unblocked = await unblockUser({ actor: admin, userId: person.id });
    expect(unblocked.state).toBe('active');
    expect(await verifyCredentials(person.username, 'correct horse battery')).toMatchObject({ id: person.id });
    expect((await authenticateToken(token, { now: NOW })).ok).toBe(true);

    const events = await (await db()).select().from(auditEvents).where(eq(auditEvents.targetId, person.id)).orderBy(auditEvents.id);
    expect(events.filter((event) => event.targetType === 'User').map((event) => event.action)).toEqual([
      'user_created',
      'user_blocked',
      'user_unblocked',
    ]);
    expect(events.find((event) => event.action === 'user_blocked')).toMatchObject({ authorId: admin.id, ipAddress: '192.0.2.8' });
  });

  it('bots, the ghost and oneself cannot be blocked; non-admins cannot block anyone; nothing changes', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id);
    const ghost = await ghostUser(await db());
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    const victim = await createTestUser();
    const before = await rowCounts();
    const bots = 'Bot and ghost users cannot be edited here.';
    expect(await failure(blockUser({ actor: admin, userId: accessToken.userId ?? 0 }))).toEqual({ code: 'forbidden', message: bots });
    expect(await failure(blockUser({ actor: admin, userId: ghost.id }))).toEqual({ code: 'forbidden', message: bots });
    expect(await failure(blockUser({ actor: admin, userId: admin.id }))).toEqual({
      code: 'forbidden',
      message: 'You cannot block your own account.',
    });
    expect(await failure(blockUser({ actor: admin, userId: 999_999 }))).toEqual({ code: 'not_found', message: 'User not found' });
    for (const actor of [null, owner, maintainer]) {
      expect(await failure(blockUser({ actor, userId: victim.id }))).toEqual({ code: 'not_found', message: 'Not found' });
      expect(await failure(listUsersForAdmin({ actor }))).toEqual({ code: 'not_found', message: 'Not found' });
    }
    expect(await rowCounts()).toEqual(before);
    const [row] = await (await db()).select({ state: users.state }).from(users).where(eq(users.id, victim.id));
    expect(row?.state).toBe('active');
  });
});

describe('the admin dashboard', () => {
  it('counts active people as billable users; bots (and blocked people) are not seats', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const start = await instanceOverview(admin);
    const person = await createTestUser();
    const { owner, project } = await groupProject();
    await createToken(owner, project.id);
    await createToken(owner, project.id, { name: 'second' });
    const after = await instanceOverview(admin);
    expect(after.billableUsers).toBe(start.billableUsers + 2);
    expect(after.botUsers).toBe(start.botUsers + 2);
    expect(after.fipsMode).toBe(false);
    await blockUser({ actor: admin, userId: person.id });
    expect((await instanceOverview(admin)).billableUsers).toBe(start.billableUsers + 1);
    expect(await failure(instanceOverview(owner))).toEqual({ code: 'not_found', message: 'Not found' });
  });
});
