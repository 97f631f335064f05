import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, pushEvents } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { revokeProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { startGitServer, type GitServer } from './git-server';
import { liveHttpBackends } from './http-backend';
import { latestPushEvent } from './push-events';
import { repositoryPath } from './repositories';
import { cloneUrl, gitOrThrow, runGit, temporaryDirectory } from './testing/git-cli';

withFreshDatabase();

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
});

/** A project in a fresh group, with a README commit on main. */
async function repositoryProject(visibility: 'private' | 'public' = 'private') {
  const owner = await createTestUser();
  const group = await createGroup({ actor: owner, name: 'Group', path: `g-${uniqueSuffix()}`, visibility });
  const project = await createProject({
    actor: owner,
    name: 'API',
    path: 'api',
    namespaceId: group.id,
    visibility,
    initializeWithReadme: true,
  });
  return { owner, project };
}

function token(owner: Actor, projectId: number, scopes: string[], accessLevel: number = AccessLevel.Developer) {
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return createProjectAccessToken({ actor: owner, projectId, name: 'git', scopes, accessLevel, expiresAt });
}

async function commitIn(directory: string, file: string) {
  await gitOrThrow(['-C', directory, 'checkout', '-q', '-B', 'main']);
  await import('node:fs/promises').then(({ writeFile }) => writeFile(`${directory}/${file}`, `${file} ${uniqueSuffix()}\n`));
  await gitOrThrow(['-C', directory, 'add', file]);
  await gitOrThrow(['-C', directory, 'commit', '-q', '-m', `Add ${file}`]);
  return (await gitOrThrow(['-C', directory, 'rev-parse', 'HEAD'])).trim();
}

const withIp = (ip: string) => ['-c', `http.extraHeader=X-Forwarded-For: ${ip}`];

describe('Git over HTTP with the git CLI', () => {
  it('clones with a read_repository token, as oauth2 and as any other user name', async () => {
    const { owner, project } = await repositoryProject();
    const { token: secret } = await token(owner, project.id, ['read_repository'], AccessLevel.Reporter);
    for (const username of ['oauth2', 'whoever']) {
      const directory = temporaryDirectory();
      const result = await runGit(['clone', cloneUrl(server.origin, project.fullPath, { username, password: secret }), directory]);
      expect(result.code, result.stderr).toBe(0);
      expect(await gitOrThrow(['-C', directory, 'show', '--format=%s', '-s', 'HEAD'])).toBe('Initial commit\n');
      expect(result.stderr).not.toContain(secret);
    }
  });

  it('refuses a push with read_repository, with git showing why', async () => {
    const { owner, project } = await repositoryProject();
    const { token: secret } = await token(owner, project.id, ['read_repository']);
    const directory = temporaryDirectory();
    const url = cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: secret });
    await gitOrThrow(['clone', '-q', url, directory]);
    await commitIn(directory, 'refused.txt');
    const push = await runGit(['-C', directory, 'push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('remote: You are not allowed to push code to this project.');
    expect(push.stderr).toContain('403');
  });

  it('pushes with write_repository and records the push event for the bot', async () => {
    const { owner, project } = await repositoryProject();
    const { token: secret, accessToken } = await token(owner, project.id, ['write_repository']);
    const directory = temporaryDirectory();
    await gitOrThrow(['clone', '-q', cloneUrl(server.origin, project.fullPath, { username: 'bot', password: secret }), directory]);
    const before = (await gitOrThrow(['-C', directory, 'rev-parse', 'HEAD'])).trim();
    const after = await commitIn(directory, 'pushed.txt');
    const push = await runGit(['-C', directory, 'push', 'origin', 'main']);
    expect(push.code, push.stderr).toBe(0);
    const events = await (await db()).select().from(pushEvents).where(eq(pushEvents.projectId, project.id));
    expect(events).toMatchObject([{ authorId: accessToken.userId, ref: 'refs/heads/main', beforeSha: before, afterSha: after }]);
    expect(await latestPushEvent(project.id)).toMatchObject({ refName: 'main', action: 'pushed to', afterSha: after });
    // A new branch is recorded with a zero "before".
    await gitOrThrow(['-C', directory, 'push', '-q', 'origin', 'main:feature']);
    expect(await latestPushEvent(project.id)).toMatchObject({ refName: 'feature', action: 'pushed new', beforeSha: '0'.repeat(40) });
    const [row] = await (await db()).select().from(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(row?.lastUsedAt).not.toBeNull();
    expect(row?.lastUsedIps).toEqual(['127.0.0.1']);
    await gitOrThrow(['--git-dir', repositoryPath(project.id), 'fsck', '--strict']);
  });

  it('refuses a push from a Guest-role token even with write_repository', async () => {
    const { owner, project } = await repositoryProject();
    const reader = await token(owner, project.id, ['read_repository']);
    const guest = await token(owner, project.id, ['write_repository'], AccessLevel.Guest);
    const directory = temporaryDirectory();
    await gitOrThrow(['clone', '-q', cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: reader.token }), directory]);
    await commitIn(directory, 'guest.txt');
    const url = cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: guest.token });
    const push = await runGit(['-C', directory, 'push', url, 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('You are not allowed to push code to this project.');
  });

  it('refuses a clone after the token is revoked and after it expires', async () => {
    const { owner, project } = await repositoryProject();
    const revoked = await token(owner, project.id, ['read_repository']);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: revoked.accessToken.id });
    const expired = await token(owner, project.id, ['read_repository']);
    await (await db()).update(accessTokens).set({ expiresAt: '2020-01-01' }).where(eq(accessTokens.id, expired.accessToken.id));
    for (const secret of [revoked.token, expired.token]) {
      const result = await runGit([
        'clone',
        cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: secret }),
        temporaryDirectory(),
      ]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('remote: HTTP Basic: Access denied.');
      expect(result.stderr).toContain('Authentication failed');
    }
  });

  it('clones a public project without credentials, and refuses an anonymous push', async () => {
    const { project } = await repositoryProject('public');
    const directory = temporaryDirectory();
    const clone = await runGit(['clone', cloneUrl(server.origin, project.fullPath), directory]);
    expect(clone.code, clone.stderr).toBe(0);
    await commitIn(directory, 'anonymous.txt');
    const push = await runGit(['-C', directory, 'push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/Authentication failed|could not read Username/);
  });

  it('answers 404 for a token of another private project, without revealing it', async () => {
    const { project } = await repositoryProject();
    const other = await repositoryProject();
    const { token: secret } = await token(other.owner, other.project.id, ['api']);
    const result = await runGit([
      'clone',
      cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: secret }),
      temporaryDirectory(),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/not found/i);
  });

  it('bans an address after repeated failures, even for a valid token afterwards', async () => {
    const { owner, project } = await repositoryProject();
    const { token: secret } = await token(owner, project.id, ['read_repository']);
    const previous = process.env.KEYHOLD_AUTH_BAN_MAX_RETRY;
    process.env.KEYHOLD_AUTH_BAN_MAX_RETRY = '3';
    try {
      const ip = '203.0.113.200';
      for (let attempt = 0; attempt < 3; attempt++) {
        const url = cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: `wrong-${attempt}` });
        expect((await runGit([...withIp(ip), 'clone', url, temporaryDirectory()])).code).not.toBe(0);
      }
      const banned = await runGit([
        ...withIp(ip),
        'clone',
        cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: secret }),
        temporaryDirectory(),
      ]);
      expect(banned.code).not.toBe(0);
      expect(banned.stderr).toContain('403');
      const elsewhere = await runGit([
        ...withIp('203.0.113.201'),
        'clone',
        cloneUrl(server.origin, project.fullPath, { username: 'oauth2', password: secret }),
        temporaryDirectory(),
      ]);
      expect(elsewhere.code, elsewhere.stderr).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.KEYHOLD_AUTH_BAN_MAX_RETRY;
      else process.env.KEYHOLD_AUTH_BAN_MAX_RETRY = previous;
    }
  });

  it('leaves no git http-backend process behind', () => {
    expect(liveHttpBackends()).toEqual([]);
  });
});
