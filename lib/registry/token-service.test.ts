import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectMembers, projects, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { addDays, utcDate } from '@/lib/dates';
import { PROJECT_TOKEN_SCOPES } from '@/lib/tokens/scopes';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { groupProject } from '@/tests/token-factories';
import { handleRegistryAuthRequest } from './auth-handler';
import { selfSignedCertificate } from './certificate';
import type { RegistryConfig } from './config';
import { decodeRegistryToken, type RegistryAccess } from './jwt';
import { generateSigningKeyPem, signingKeyFromPem } from './signing-key';

withFreshDatabase();

const keyPem = await generateSigningKeyPem(2048);
const key = signingKeyFromPem(keyPem, selfSignedCertificate(createPrivateKey(keyPem)));
const config: RegistryConfig = {
  host: 'registry.test',
  apiUrl: 'http://registry.test',
  service: 'container_registry',
  issuer: 'gitlab-issuer',
  tokenLifetimeSeconds: 300,
  keyPath: null,
  certificatePath: null,
};
const NOW = new Date();

/** Asks `/jwt/auth` for a token, as the registry's clients do. */
async function requestToken(query: string | string[][], credentials?: { username?: string; password: string }) {
  const search = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  const headers = new Headers();
  if (credentials) {
    headers.set('authorization', `Basic ${Buffer.from(`${credentials.username ?? 'any'}:${credentials.password}`).toString('base64')}`);
  }
  const response = await handleRegistryAuthRequest(new Request(`http://keyhold.test/jwt/auth?${search}`, { headers }), {
    ipAddress: '192.0.2.1',
    config,
    key,
    now: NOW,
  });
  return { status: response.status, body: (await response.json()) as { token?: string; errors?: { code: string; message: string }[] } };
}

/** The access a token grants, after checking its signature and every other claim. */
function verifiedAccess(token: string, subject: string | undefined): RegistryAccess[] {
  const [header, payload, signature] = token.split('.');
  expect(verify('sha256', Buffer.from(`${header}.${payload}`), createPublicKey(key.privateKey), Buffer.from(signature!, 'base64url'))).toBe(
    true,
  );
  const decoded = decodeRegistryToken(token);
  expect(decoded.header).toEqual({ typ: 'JWT', alg: 'RS256', kid: key.keyId });
  const iat = Math.floor(NOW.getTime() / 1000);
  expect(decoded.claims).toEqual({
    iss: 'gitlab-issuer',
    ...(subject ? { sub: subject } : {}),
    aud: 'container_registry',
    iat,
    nbf: iat - 5,
    exp: iat + 300,
    jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    access: decoded.claims.access,
  });
  return decoded.claims.access;
}

const query = (repository: string, actions: string) => [
  ['service', 'container_registry'],
  ['scope', `repository:${repository}:${actions}`],
];

// Every project token scope × every registry action × the roles where the answer changes.
// null: the token reaches no registry at all and /jwt/auth answers 403.
const ROLES = { Guest: AccessLevel.Guest, Reporter: AccessLevel.Reporter, Developer: AccessLevel.Developer } as const;
const GRANTS: Record<string, Record<keyof typeof ROLES, string[]> | null> = {
  api: { Guest: [], Reporter: ['pull'], Developer: ['pull', 'push'] },
  read_api: { Guest: [], Reporter: ['pull'], Developer: ['pull'] },
  read_repository: null,
  write_repository: null,
  read_registry: { Guest: [], Reporter: ['pull'], Developer: ['pull'] },
  write_registry: { Guest: [], Reporter: ['pull'], Developer: ['pull', 'push'] },
};
const REQUESTS = ['pull', 'push', 'pull,push'];

describe('registry token claims: scope × role × requested actions (private project)', () => {
  const tokens = new Map<string, { token: string; bot: string }>();
  let repository = '';

  beforeAll(async () => {
    const { owner, project } = await groupProject();
    repository = `${project.fullPath}/web`;
    for (const scope of PROJECT_TOKEN_SCOPES) {
      for (const [role, level] of Object.entries(ROLES)) {
        const created = await createProjectAccessToken({
          actor: owner,
          projectId: project.id,
          name: `${scope} ${role}`,
          scopes: [scope],
          accessLevel: level,
          expiresAt: addDays(utcDate(NOW), 30),
          now: NOW,
        });
        const [bot] = await (await db()).select({ username: users.username }).from(users).where(eq(users.id, created.accessToken.userId!));
        tokens.set(`${scope} ${role}`, { token: created.token, bot: bot!.username });
      }
    }
  });

  it('covers every project token scope', () => {
    expect(Object.keys(GRANTS).sort()).toEqual([...PROJECT_TOKEN_SCOPES].sort());
  });

  const cases = Object.entries(GRANTS).flatMap(([scope, byRole]) =>
    (Object.keys(ROLES) as (keyof typeof ROLES)[]).flatMap((role) =>
      REQUESTS.map((requested) => ({
        scope,
        role,
        requested,
        expected: byRole === null ? null : byRole[role].filter((action) => requested.split(',').includes(action)),
      })),
    ),
  );

  it.each(cases)('$scope as $role asking $requested → $expected', async ({ scope, role, requested, expected }) => {
    const { token, bot } = tokens.get(`${scope} ${role}`)!;
    const { status, body } = await requestToken(query(repository, requested), { password: token });
    if (expected === null) {
      expect({ status, body }).toEqual({ status: 403, body: { errors: [{ code: 'DENIED', message: 'access forbidden' }] } });
      return;
    }
    expect(status).toBe(200);
    const access = verifiedAccess(body.token!, bot);
    expect(access).toEqual(expected.length > 0 ? [{ type: 'repository', name: repository, actions: expected }] : []);
  });
});

describe('whose repository', () => {
  it('grants nothing outside the token’s own project, even in the same group', async () => {
    const { owner, project } = await groupProject();
    const { token } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: 'ci',
      scopes: ['write_registry'],
      accessLevel: AccessLevel.Maintainer,
      expiresAt: addDays(utcDate(NOW), 30),
    });
    const other = await groupProject();
    const { status, body } = await requestToken(
      [
        ['service', 'container_registry'],
        ['scope', `repository:${other.project.fullPath}/web:pull,push`],
        ['scope', `repository:${project.fullPath}:pull`],
        ['scope', `repository:${project.fullPath}/a/b/c:push`],
        ['scope', 'repository:no-such/project/image:pull,push'],
        ['scope', 'registry:catalog:*'],
      ],
      { password: token },
    );
    expect(status).toBe(200);
    expect(decodeRegistryToken(body.token!).claims.access).toEqual([
      { type: 'repository', name: project.fullPath, actions: ['pull'] },
      { type: 'repository', name: `${project.fullPath}/a/b/c`, actions: ['push'] },
    ]);
  });

  it('lets a person signing in with their password reach what their role allows, in every project of theirs', async () => {
    const { project } = await groupProject();
    const other = await groupProject();
    const developer = await createTestUser();
    const database = await db();
    await database.insert(projectMembers).values({ projectId: project.id, userId: developer.id, accessLevel: AccessLevel.Developer });
    await database.insert(projectMembers).values({ projectId: other.project.id, userId: developer.id, accessLevel: AccessLevel.Reporter });
    const { status, body } = await requestToken(
      [
        ['service', 'container_registry'],
        ['scope', `repository:${project.fullPath}/web:pull,push`],
        ['scope', `repository:${other.project.fullPath}/web:pull,push`],
      ],
      { username: developer.username, password: 'correct horse battery' },
    );
    expect(status).toBe(200);
    expect(verifiedAccess(body.token!, developer.username)).toEqual([
      { type: 'repository', name: `${project.fullPath}/web`, actions: ['pull', 'push'] },
      { type: 'repository', name: `${other.project.fullPath}/web`, actions: ['pull'] },
    ]);
  });

  it('answers bad credentials with 401, as GitLab', async () => {
    const { project } = await groupProject();
    const { status, body } = await requestToken(query(`${project.fullPath}/web`, 'pull'), { username: 'nobody', password: 'wrong' });
    expect(status).toBe(401);
    expect(body.errors).toEqual([{ code: 'UNAUTHORIZED', message: expect.stringMatching(/^HTTP Basic: Access denied\./) }]);
  });
});

describe('anonymous requests', () => {
  it('may pull from a public project, never push; get nothing from a private one', async () => {
    const { project } = await groupProject();
    const repository = `${project.fullPath}/web`;
    const hidden = await requestToken(query(repository, 'pull,push'));
    expect(hidden.status).toBe(200);
    expect(verifiedAccess(hidden.body.token!, undefined)).toEqual([]);

    await (await db()).update(projects).set({ visibility: 'public' }).where(eq(projects.id, project.id));
    const open = await requestToken(query(repository, 'pull,push'));
    expect(verifiedAccess(open.body.token!, undefined)).toEqual([{ type: 'repository', name: repository, actions: ['pull'] }]);
  });

  it('must ask for a scope', async () => {
    expect(await requestToken('service=container_registry')).toEqual({
      status: 403,
      body: { errors: [{ code: 'DENIED', message: 'access forbidden' }] },
    });
  });

  it('a signed-in non-member pulls from a public project but may not push', async () => {
    const { project } = await groupProject();
    await (await db()).update(projects).set({ visibility: 'public' }).where(eq(projects.id, project.id));
    const stranger = await createTestUser();
    const { body } = await requestToken(query(`${project.fullPath}/web`, 'pull,push'), {
      username: stranger.username,
      password: 'correct horse battery',
    });
    expect(verifiedAccess(body.token!, stranger.username)).toEqual([
      { type: 'repository', name: `${project.fullPath}/web`, actions: ['pull'] },
    ]);
  });
});

describe('bad input', () => {
  const bad: [string, string, number, string, RegExp][] = [
    ['no actions', 'repository:acme/api', 400, 'INVALID_SCOPE', /needs a type, a name and actions/],
    ['an empty name', 'repository::pull', 400, 'INVALID_SCOPE', /the name is empty/],
    ['a bad type', 'Repo!:acme/api:pull', 400, 'INVALID_SCOPE', /is not a resource type/],
    ['bad actions', 'repository:acme/api:pull;push', 400, 'INVALID_SCOPE', /actions must be/],
    ['traversal', 'repository:acme/../other/api:pull', 400, 'NAME_INVALID', /"\." and "\.\." path segments/],
    ['a leading slash', 'repository:/acme/api:pull', 400, 'NAME_INVALID', /empty, "\." and "\.\."/],
    ['a backslash', 'repository:acme\\..\\api:pull', 400, 'NAME_INVALID', /not allowed/],
    ['upper case', 'repository:Acme/API:pull', 400, 'NAME_INVALID', /lowercase/],
    ['a colon in the name', 'repository:acme/api:latest:pull', 400, 'NAME_INVALID', /lowercase/],
    ['a name too long', `repository:acme/${'a'.repeat(260)}:pull`, 400, 'NAME_INVALID', /longer than 255/],
  ];
  it.each(bad)('refuses %s with a clear error', async (_, scope, status, code, message) => {
    const response = await requestToken([
      ['service', 'container_registry'],
      ['scope', scope],
    ]);
    expect(response.status).toBe(status);
    expect(response.body.errors).toEqual([{ code, message: expect.stringMatching(message) }]);
  });

  it('takes several scopes (Docker asks for a mount source beside the push target) but not too many', async () => {
    const many = Array.from({ length: 11 }, (_, index) => ['scope', `repository:acme/api/image${index}:pull`]);
    const response = await requestToken([['service', 'container_registry'], ...many]);
    expect(response).toEqual({
      status: 400,
      body: { errors: [{ code: 'INVALID_SCOPE', message: 'too many scopes: at most 10 in one request' }] },
    });
  });

  it('answers 404 for another service, and when no registry is configured', async () => {
    expect((await requestToken('service=other&scope=repository:acme/api:pull')).status).toBe(404);
    const response = await handleRegistryAuthRequest(new Request('http://keyhold.test/jwt/auth?service=container_registry'), {
      ipAddress: null,
      config: null,
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ code: 'UNAVAILABLE', message: 'registry not enabled' }] });
  });
});
