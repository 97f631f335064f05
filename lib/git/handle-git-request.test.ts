import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accessTokens, instanceSettings } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { deleteProject } from '@/lib/projects/delete-project';
import { revokeProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { createPersonalToken, setUserState } from '@/tests/personal-token-factories';
import { projectMember } from '@/tests/token-factories';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { startGitServer, type GitServer } from './git-server';
import { handleGitRequest } from './handle-git-request';
import { liveHttpBackends } from './http-backend';
import { repositoryPath } from './repositories';
import { gitOrThrow } from './testing/git-cli';
import { existsSync } from 'node:fs';

withFreshDatabase();

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await (await db()).update(instanceSettings).set({ passwordAuthenticationEnabledForGit: true }).where(eq(instanceSettings.id, 1));
});

const basic = (password: string, username = 'oauth2') => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const expiresAt = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
let ipCounter = 0;

/** One request straight to the handler; its body (git's answer) is drained. */
async function call(
  path: string,
  options: { method?: string; authorization?: string; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(options.headers);
  if (options.authorization) headers.set('authorization', options.authorization);
  const response = await handleGitRequest(
    new Request(`http://keyhold.test${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      duplex: 'half',
    } as RequestInit),
    { ipAddress: `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` },
  );
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

const advertise = (fullPath: string, service: string, authorization?: string) =>
  call(`/${fullPath}.git/info/refs?service=${service}`, { authorization });

async function privateProject() {
  const owner = await createTestUser();
  const group = await createGroup({ actor: owner, name: 'Group', path: `g-${uniqueSuffix()}` });
  const project = await createProject({ actor: owner, name: 'API', path: 'api', namespaceId: group.id, initializeWithReadme: true });
  return { owner, group, project };
}

describe('project access tokens: every scope × role × (clone, push)', async () => {
  const SCOPES = ['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry'];
  const ROLES = [AccessLevel.Guest, AccessLevel.Reporter, AccessLevel.Developer, AccessLevel.Maintainer];
  const rows = SCOPES.flatMap((scope) => ROLES.map((level) => ({ scope, level })));
  let fullPath = '';
  let owner: Awaited<ReturnType<typeof createTestUser>>;
  let projectId = 0;
  beforeAll(async () => {
    const created = await privateProject();
    fullPath = created.project.fullPath;
    owner = created.owner;
    projectId = created.project.id;
  });

  it.each(rows)('$scope at level $level', async ({ scope, level }) => {
    const { token } = await createProjectAccessToken({
      actor: owner,
      projectId,
      name: 't',
      scopes: [scope],
      accessLevel: level,
      expiresAt: expiresAt(),
    });
    const canClone = ['api', 'read_api', 'read_repository', 'write_repository'].includes(scope) && level >= AccessLevel.Reporter;
    const canPush = ['api', 'write_repository'].includes(scope) && level >= AccessLevel.Developer;
    const clone = await advertise(fullPath, 'git-upload-pack', basic(token));
    expect(clone.status).toBe(canClone ? 200 : 403);
    if (canClone) expect(clone.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
    else expect(clone.text).toContain('You are not allowed to download code from this project.');
    const push = await advertise(fullPath, 'git-receive-pack', basic(token));
    expect(push.status).toBe(canPush ? 200 : 403);
    if (!canPush) expect(push.text).toContain('You are not allowed to push code to this project.');
  });
});

describe('who is refused', () => {
  it('revoked, expired and blocked: 401 with the Basic challenge', async () => {
    const { owner, project } = await privateProject();
    const make = () =>
      createProjectAccessToken({
        actor: owner,
        projectId: project.id,
        name: 't',
        scopes: ['api'],
        accessLevel: 30,
        expiresAt: expiresAt(),
      });
    const revoked = await make();
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: revoked.accessToken.id });
    const expired = await make();
    await (await db()).update(accessTokens).set({ expiresAt: '2020-01-01' }).where(eq(accessTokens.id, expired.accessToken.id));
    const person = await projectMember(project.id, AccessLevel.Developer);
    const blocked = await createPersonalToken(person, { scopes: ['api'], expiresAt: expiresAt(), now: new Date() });
    await setUserState(person.id, 'blocked');
    for (const token of [revoked.token, expired.token, blocked.token]) {
      for (const service of ['git-upload-pack', 'git-receive-pack']) {
        const answer = await advertise(project.fullPath, service, basic(token));
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Basic realm="GitLab"');
        expect(answer.text).toMatch(/^HTTP Basic: Access denied/);
      }
    }
  });

  it('an empty user name or password: 401', async () => {
    const { owner, project } = await privateProject();
    const { token } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: 't',
      scopes: ['api'],
      accessLevel: 30,
      expiresAt: expiresAt(),
    });
    expect((await advertise(project.fullPath, 'git-upload-pack', basic(token, ''))).status).toBe(401);
    expect((await advertise(project.fullPath, 'git-upload-pack', basic('', 'oauth2'))).status).toBe(401);
  });

  it('personal access tokens follow the same scope and role rules', async () => {
    const { project } = await privateProject();
    const reporter = await projectMember(project.id, AccessLevel.Reporter);
    const developer = await projectMember(project.id, AccessLevel.Developer);
    const outsider = await createTestUser();
    const pat = async (user: typeof reporter, scopes: string[]) =>
      (await createPersonalToken(user, { scopes, expiresAt: expiresAt(), now: new Date() })).token;
    expect((await advertise(project.fullPath, 'git-upload-pack', basic(await pat(reporter, ['read_repository'])))).status).toBe(200);
    expect((await advertise(project.fullPath, 'git-receive-pack', basic(await pat(reporter, ['write_repository'])))).status).toBe(403);
    expect((await advertise(project.fullPath, 'git-receive-pack', basic(await pat(developer, ['write_repository'])))).status).toBe(200);
    expect((await advertise(project.fullPath, 'git-receive-pack', basic(await pat(developer, ['read_repository'])))).status).toBe(403);
    expect((await advertise(project.fullPath, 'git-upload-pack', basic(await pat(outsider, ['api'])))).status).toBe(404);
  });

  it("a person's password works while the instance allows it", async () => {
    const { project } = await privateProject();
    const developer = await projectMember(project.id, AccessLevel.Developer);
    const header = basic('correct horse battery', developer.username);
    expect((await advertise(project.fullPath, 'git-receive-pack', header)).status).toBe(200);
    await (await db()).update(instanceSettings).set({ passwordAuthenticationEnabledForGit: false }).where(eq(instanceSettings.id, 1));
    expect((await advertise(project.fullPath, 'git-upload-pack', header)).status).toBe(401);
  });

  it('a token of another private project: 404; anonymous: 401 whether the project exists or not', async () => {
    const { project } = await privateProject();
    const other = await privateProject();
    const { token } = await createProjectAccessToken({
      actor: other.owner,
      projectId: other.project.id,
      name: 't',
      scopes: ['api'],
      accessLevel: 40,
      expiresAt: expiresAt(),
    });
    expect((await advertise(project.fullPath, 'git-upload-pack', basic(token))).status).toBe(404);
    expect((await advertise('nobody/nothing', 'git-upload-pack', basic(token))).status).toBe(404);
    expect((await advertise(project.fullPath, 'git-upload-pack')).status).toBe(401);
    expect((await advertise('nobody/nothing', 'git-upload-pack')).status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    '/a/../b.git/info/refs',
    '/..%2f..%2fetc.git/info/refs',
    '/a/%2e%2e/b.git/info/refs',
    '//etc/passwd.git/info/refs',
    '/project.git/info/refs',
    '/a/b.git/objects/info/packs',
    '/a/.hidden.git/info/refs',
  ])('%s: 404 without touching git', async (path) => {
    expect((await call(`${path}?service=git-upload-pack`)).status).toBe(404);
  });

  it('refuses unsupported services, the dumb protocol and wrong methods', async () => {
    const { project } = await privateProject();
    expect((await call(`/${project.fullPath}.git/info/refs?service=git-upload-archive`)).status).toBe(403);
    expect((await call(`/${project.fullPath}.git/info/refs`)).status).toBe(403);
    expect((await call(`/${project.fullPath}.git/git-upload-pack`)).status).toBe(405);
  });

  it('takes a gzip request body', async () => {
    const owner = await createTestUser();
    const group = await createGroup({ actor: owner, name: 'Public', path: `p-${uniqueSuffix()}`, visibility: 'public' });
    const project = await createProject({
      actor: owner,
      name: 'Open',
      path: 'open',
      namespaceId: group.id,
      visibility: 'public',
      initializeWithReadme: true,
    });
    const head = (await gitOrThrow(['--git-dir', repositoryPath(project.id), 'rev-parse', 'main'])).trim();
    const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
    const negotiation = `${pkt(`want ${head} ofs-delta\n`)}0000${pkt('done\n')}`;
    const answer = await call(`/${project.fullPath}.git/git-upload-pack`, {
      method: 'POST',
      body: gzipSync(negotiation),
      headers: { 'content-type': 'application/x-git-upload-pack-request', 'content-encoding': 'gzip' },
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('PACK');
  });

  it('a client disconnecting mid-push leaves no git process and an intact repository', async () => {
    const { owner, project } = await privateProject();
    const { token } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: 't',
      scopes: ['api'],
      accessLevel: 30,
      expiresAt: expiresAt(),
    });
    const head = (await gitOrThrow(['--git-dir', repositoryPath(project.id), 'rev-parse', 'main'])).trim();
    const url = new URL(`${server.origin}/${project.fullPath}.git/git-receive-pack`);
    const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
    await new Promise<void>((resolve) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { authorization: basic(token), 'content-type': 'application/x-git-receive-pack-request', 'transfer-encoding': 'chunked' },
      });
      request.on('error', () => resolve());
      request.on('close', () => resolve());
      request.write(pkt(`${head} ${'1'.repeat(40)} refs/heads/main\0 report-status\n`) + '0000');
      request.write(Buffer.concat([Buffer.from('PACK\0\0\0\x02\0\0\0\x05'), Buffer.alloc(1000, 7)]));
      setTimeout(() => request.destroy(), 300);
    });
    for (let waited = 0; liveHttpBackends().length > 0 && waited < 5000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(liveHttpBackends()).toEqual([]);
    expect((await gitOrThrow(['--git-dir', repositoryPath(project.id), 'rev-parse', 'main'])).trim()).toBe(head);
    await gitOrThrow(['--git-dir', repositoryPath(project.id), 'fsck', '--strict']);
  });

  it('a truncated body (Content-Length larger than what arrives) is refused without corrupting anything', async () => {
    const { owner, project } = await privateProject();
    const { token } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: 't',
      scopes: ['api'],
      accessLevel: 30,
      expiresAt: expiresAt(),
    });
    const answer = await call(`/${project.fullPath}.git/git-receive-pack`, {
      method: 'POST',
      authorization: basic(token),
      body: '00',
      headers: { 'content-type': 'application/x-git-receive-pack-request', 'content-length': '100000' },
    });
    expect(answer.status).toBeLessThan(600);
    expect(liveHttpBackends()).toEqual([]);
    await gitOrThrow(['--git-dir', repositoryPath(project.id), 'fsck', '--strict']);
  });
});

describe('repositories follow their projects', () => {
  it('is created with the project and deleted with it', async () => {
    const { owner, project } = await privateProject();
    expect(existsSync(repositoryPath(project.id))).toBe(true);
    await deleteProject({ actor: owner, projectId: project.id });
    expect(existsSync(repositoryPath(project.id))).toBe(false);
  });

  it('stays when the deletion is refused', async () => {
    const { project } = await privateProject();
    const developer = await projectMember(project.id, AccessLevel.Developer);
    await expect(deleteProject({ actor: developer, projectId: project.id })).rejects.toThrow();
    expect(existsSync(repositoryPath(project.id))).toBe(true);
  });
});
