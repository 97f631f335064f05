import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { accessTokens, authenticationBans, instanceSettings } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { createPersonalToken, setUserState } from '@/tests/personal-token-factories';
import { resetInstanceSettings } from '@/tests/settings-factories';
import { createToken, groupProject, NOW } from '@/tests/token-factories';
import { generateToken } from '@/lib/tokens/token-secret';
import { revokeProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { authenticateGitClient } from './git-client-auth';
import { DEFAULT_IP_BAN_POLICY } from './ip-ban';

withFreshDatabase();

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const banPolicy = { ...DEFAULT_IP_BAN_POLICY, maxRetry: 3 };
let counter = 0;
const freshIp = () => `192.0.2.${++counter}`;
const auth = (header: string | null, ipAddress: string | null = freshIp(), now = NOW) =>
  authenticateGitClient(header, { ipAddress, now, banPolicy });

async function setPasswordAuthForGit(enabled: boolean) {
  await (await db()).update(instanceSettings).set({ passwordAuthenticationEnabledForGit: enabled }).where(eq(instanceSettings.id, 1));
}

beforeEach(async () => {
  await resetInstanceSettings();
  await setPasswordAuthForGit(true);
});

describe('authenticateGitClient', () => {
  it('is anonymous without an Authorization header', async () => {
    expect(await auth(null)).toEqual({ kind: 'anonymous' });
    expect(await auth('')).toEqual({ kind: 'anonymous' });
  });

  it('takes a project token as the password with any non-blank user name', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id, { scopes: ['read_repository'], accessLevel: AccessLevel.Reporter });
    for (const username of ['oauth2', 'anything', 'x']) {
      const result = await auth(basic(username, token));
      expect(result).toMatchObject({
        kind: 'token',
        user: { id: accessToken.userId, userType: 'project_bot' },
        token: { id: accessToken.id, kind: 'project', scopes: ['read_repository'], projectId: project.id },
      });
      expect(result.kind === 'token' && [...result.abilities]).toEqual(['download_code']);
    }
  });

  it('records the use and the address on the token', async () => {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createToken(owner, project.id);
    await auth(basic('oauth2', token), '203.0.113.99');
    const [row] = await (await db()).select().from(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(row?.lastUsedAt).toEqual(NOW);
    expect(row?.lastUsedIps).toEqual(['203.0.113.99']);
  });

  it('takes a personal access token', async () => {
    const user = await createTestUser();
    const { token } = await createPersonalToken(user, { scopes: ['write_repository'] });
    const result = await auth(basic('me', token));
    expect(result).toMatchObject({ kind: 'token', user: { id: user.id }, token: { kind: 'personal', projectId: null } });
    expect(result.kind === 'token' && [...result.abilities].sort()).toEqual(['download_code', 'push_code']);
  });

  it.each([
    ['an empty user name', (token: string) => basic('', token)],
    ['a blank user name', (token: string) => basic('   ', token)],
    ['an empty password', () => basic('oauth2', '')],
    ['no colon', () => `Basic ${Buffer.from('oauth2').toString('base64')}`],
    ['another scheme', (token: string) => `Bearer ${token}`],
    ['an unknown token', () => basic('oauth2', generateToken('glpat-'))],
  ])('denies %s', async (_, header) => {
    const { owner, project } = await groupProject();
    const { token } = await createToken(owner, project.id);
    expect((await auth(header(token))).kind).toBe('denied');
  });

  it('denies revoked and expired tokens and blocked users', async () => {
    const { owner, project } = await groupProject();
    const revoked = await createToken(owner, project.id);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: revoked.accessToken.id, now: NOW });
    expect(await auth(basic('oauth2', revoked.token))).toEqual({ kind: 'denied', reason: 'revoked' });
    const expiring = await createToken(owner, project.id, { expiresAt: '2030-01-11' });
    expect(await auth(basic('oauth2', expiring.token), freshIp(), new Date('2030-01-11T00:00:00Z'))).toEqual({
      kind: 'denied',
      reason: 'expired',
    });
    const user = await createTestUser();
    const { token } = await createPersonalToken(user);
    await setUserState(user.id, 'blocked');
    expect(await auth(basic('oauth2', token))).toEqual({ kind: 'denied', reason: 'blocked' });
  });

  it("takes a person's username or e-mail and password while the instance allows it", async () => {
    const user = await createTestUser();
    const byName = await auth(basic(user.username, 'correct horse battery'));
    expect(byName).toMatchObject({ kind: 'password', user: { id: user.id } });
    expect(byName.kind === 'password' && byName.abilities.size).toBe(4);
    expect((await auth(basic(`${user.username}@example.com`, 'correct horse battery'))).kind).toBe('password');
    expect(await auth(basic(user.username, 'wrong password'))).toEqual({ kind: 'denied', reason: 'invalid' });
    await setPasswordAuthForGit(false);
    expect(await auth(basic(user.username, 'correct horse battery'))).toEqual({ kind: 'denied', reason: 'password_disabled' });
  });

  it('bans an address after repeated failures, without looking at the credentials any more', async () => {
    const { owner, project } = await groupProject();
    const { token } = await createToken(owner, project.id);
    const ip = freshIp();
    expect((await auth(basic('oauth2', 'nope-1'), ip)).kind).toBe('denied');
    expect((await auth(basic('oauth2', 'nope-2'), ip)).kind).toBe('denied');
    expect(await auth(basic('oauth2', 'nope-3'), ip)).toEqual({ kind: 'banned' });
    expect(await auth(basic('oauth2', token), ip)).toEqual({ kind: 'banned' });
    // Anonymous requests are not authentication attempts (GitLab bans only credentialed ones).
    expect(await auth(null, ip)).toEqual({ kind: 'anonymous' });
    // Another address is unaffected.
    expect((await auth(basic('oauth2', token))).kind).toBe('token');
  });

  it('a success resets the count', async () => {
    const { owner, project } = await groupProject();
    const { token } = await createToken(owner, project.id);
    const ip = freshIp();
    await auth(basic('oauth2', 'nope'), ip);
    await auth(basic('oauth2', 'nope'), ip);
    expect((await auth(basic('oauth2', token), ip)).kind).toBe('token');
    expect(await (await db()).select().from(authenticationBans).where(eq(authenticationBans.ipAddress, ip))).toEqual([]);
    await auth(basic('oauth2', 'nope'), ip);
    expect((await auth(basic('oauth2', 'nope'), ip)).kind).toBe('denied');
  });
});
