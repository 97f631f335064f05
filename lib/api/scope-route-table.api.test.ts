import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { createPersonalAccessToken, revokePersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { setUserState } from '@/tests/personal-token-factories';
import { projectMember } from '@/tests/token-factories';
import { resetInstanceSettings } from '@/tests/settings-factories';

/**
 * Every kind of token against a read and a write route of each API area, with the exact status
 * expected. The table is written out by hand (GitLab's rules, not Keyhold's code) so it can fail.
 *
 * Each row runs against its own fresh world: an instance admin who owns a private group and a
 * private project in it, and a Developer member of that project to remove. Project tokens are
 * Maintainers of that project; personal tokens belong to the admin owner.
 */
withFreshDatabase();
afterEach(() => {
  vi.unstubAllEnvs();
});

interface World {
  owner: Actor;
  groupId: number;
  projectId: number;
  developerId: number;
  token: string;
}

type RouteName =
  | 'GET /user'
  | 'GET /projects/:id'
  | 'POST /projects'
  | 'GET /projects/:id/access_tokens'
  | 'POST /projects/:id/access_tokens'
  | 'GET /projects/:id/members'
  | 'POST /projects/:id/members'
  | 'DELETE /projects/:id/members/:user_id'
  | 'GET /groups/:id'
  | 'PUT /groups/:id'
  | 'GET /application/settings'
  | 'PUT /application/settings'
  | 'DELETE /projects/:id';

/** The calls, in order (DELETE /projects/:id last: it removes the project). */
const ROUTES: Record<RouteName, (world: World) => Promise<{ status: number }>> = {
  'GET /user': ({ token }) => api('/user', { token }),
  'GET /projects/:id': ({ token, projectId }) => api(`/projects/${projectId}`, { token }),
  'POST /projects': ({ token }) => api('/projects', { method: 'POST', token, body: { name: 'made', path: `made-${uniqueSuffix()}` } }),
  'GET /projects/:id/access_tokens': ({ token, projectId }) => api(`/projects/${projectId}/access_tokens`, { token }),
  'POST /projects/:id/access_tokens': ({ token, projectId }) =>
    api(`/projects/${projectId}/access_tokens`, {
      method: 'POST',
      token,
      body: { name: 'nested', scopes: ['read_api'], access_level: 30 },
    }),
  'GET /projects/:id/members': ({ token, projectId }) => api(`/projects/${projectId}/members`, { token }),
  'POST /projects/:id/members': async ({ token, projectId }) =>
    api(`/projects/${projectId}/members`, { method: 'POST', token, body: { user_id: (await createTestUser()).id, access_level: 30 } }),
  'DELETE /projects/:id/members/:user_id': ({ token, projectId, developerId }) =>
    api(`/projects/${projectId}/members/${developerId}`, { method: 'DELETE', token }),
  'GET /groups/:id': ({ token, groupId }) => api(`/groups/${groupId}`, { token }),
  'PUT /groups/:id': ({ token, groupId }) => api(`/groups/${groupId}`, { method: 'PUT', token, body: { description: 'changed' } }),
  'GET /application/settings': ({ token }) => api('/application/settings', { token }),
  'PUT /application/settings': ({ token }) => api('/application/settings', { method: 'PUT', token, body: { signup_enabled: true } }),
  'DELETE /projects/:id': ({ token, projectId }) => api(`/projects/${projectId}`, { method: 'DELETE', token }),
};

type TokenKind =
  | 'project api'
  | 'project read_api'
  | 'project read_repository'
  | 'project write_repository'
  | 'project read_registry'
  | 'project write_registry'
  | 'personal api'
  | 'personal read_api'
  | 'personal read_user'
  | 'revoked'
  | 'expired'
  | 'blocked user'
  | 'project api in FIPS mode';

const ALL_403: Record<RouteName, number> = {
  'GET /user': 403,
  'GET /projects/:id': 403,
  'POST /projects': 403,
  'GET /projects/:id/access_tokens': 403,
  'POST /projects/:id/access_tokens': 403,
  'GET /projects/:id/members': 403,
  'POST /projects/:id/members': 403,
  'DELETE /projects/:id/members/:user_id': 403,
  'GET /groups/:id': 403,
  'PUT /groups/:id': 403,
  'GET /application/settings': 403,
  'PUT /application/settings': 403,
  'DELETE /projects/:id': 403,
};

const ALL_401: Record<RouteName, number> = {
  'GET /user': 401,
  'GET /projects/:id': 401,
  'POST /projects': 401,
  'GET /projects/:id/access_tokens': 401,
  'POST /projects/:id/access_tokens': 401,
  'GET /projects/:id/members': 401,
  'POST /projects/:id/members': 401,
  'DELETE /projects/:id/members/:user_id': 401,
  'GET /groups/:id': 401,
  'PUT /groups/:id': 401,
  'GET /application/settings': 401,
  'PUT /application/settings': 401,
  'DELETE /projects/:id': 401,
};

const EXPECTED: Record<TokenKind, Record<RouteName, number>> = {
  // A Maintainer bot: reads its project, manages members below Owner; no tokens from tokens, no
  // projects from bots, the group is not its (404), no admin, no project deletion (Owners).
  'project api': {
    'GET /user': 200,
    'GET /projects/:id': 200,
    'POST /projects': 403,
    'GET /projects/:id/access_tokens': 200,
    'POST /projects/:id/access_tokens': 403,
    'GET /projects/:id/members': 200,
    'POST /projects/:id/members': 201,
    'DELETE /projects/:id/members/:user_id': 204,
    'GET /groups/:id': 404,
    'PUT /groups/:id': 404,
    'GET /application/settings': 403,
    'PUT /application/settings': 403,
    'DELETE /projects/:id': 403,
  },
  // read_api: GET only; the scope check comes before anything else.
  'project read_api': {
    'GET /user': 200,
    'GET /projects/:id': 200,
    'POST /projects': 403,
    'GET /projects/:id/access_tokens': 200,
    'POST /projects/:id/access_tokens': 403,
    'GET /projects/:id/members': 200,
    'POST /projects/:id/members': 403,
    'DELETE /projects/:id/members/:user_id': 403,
    'GET /groups/:id': 404,
    'PUT /groups/:id': 403,
    'GET /application/settings': 403,
    'PUT /application/settings': 403,
    'DELETE /projects/:id': 403,
  },
  // Repository and registry scopes open no REST API route at all.
  'project read_repository': ALL_403,
  'project write_repository': ALL_403,
  'project read_registry': ALL_403,
  'project write_registry': ALL_403,
  // The admin owner with api: everything.
  'personal api': {
    'GET /user': 200,
    'GET /projects/:id': 200,
    'POST /projects': 201,
    'GET /projects/:id/access_tokens': 200,
    'POST /projects/:id/access_tokens': 201,
    'GET /projects/:id/members': 200,
    'POST /projects/:id/members': 201,
    'DELETE /projects/:id/members/:user_id': 204,
    'GET /groups/:id': 200,
    'PUT /groups/:id': 200,
    'GET /application/settings': 200,
    'PUT /application/settings': 200,
    'DELETE /projects/:id': 202,
  },
  'personal read_api': {
    'GET /user': 200,
    'GET /projects/:id': 200,
    'POST /projects': 403,
    'GET /projects/:id/access_tokens': 200,
    'POST /projects/:id/access_tokens': 403,
    'GET /projects/:id/members': 200,
    'POST /projects/:id/members': 403,
    'DELETE /projects/:id/members/:user_id': 403,
    'GET /groups/:id': 200,
    'PUT /groups/:id': 403,
    'GET /application/settings': 200,
    'PUT /application/settings': 403,
    'DELETE /projects/:id': 403,
  },
  // read_user opens GET /user only.
  'personal read_user': { ...ALL_403, 'GET /user': 200 },
  revoked: ALL_401,
  expired: ALL_401,
  'blocked user': ALL_401,
  'project api in FIPS mode': ALL_401,
};

async function projectToken(owner: Actor, projectId: number, scope: string) {
  const created = await createProjectAccessToken({
    actor: owner,
    projectId,
    name: `table ${scope}`,
    scopes: [scope],
    accessLevel: AccessLevel.Maintainer,
    expiresAt: undefined,
  });
  return created.token;
}

async function personalToken(owner: Actor, scope: string, options: { now?: Date; expiresAt?: string } = {}) {
  const created = await createPersonalAccessToken({
    actor: owner,
    name: `table ${scope}`,
    scopes: [scope],
    expiresAt: options.expiresAt,
    now: options.now,
  });
  return created;
}

/** A fresh world and the token of this kind in it. */
async function worldFor(kind: TokenKind): Promise<World> {
  const owner = await createTestUser({ isAdmin: true });
  const group = await createGroup({ actor: owner, name: 'Table', path: `table-${uniqueSuffix()}` });
  const project = await createProject({ actor: owner, name: 'Table', path: 'table', namespaceId: group.id });
  const developer = await projectMember(project.id, AccessLevel.Developer);
  const world = { owner, groupId: group.id, projectId: project.id, developerId: developer.id };
  if (kind.startsWith('project ') && kind !== 'project api in FIPS mode') {
    return { ...world, token: await projectToken(owner, project.id, kind.slice('project '.length)) };
  }
  if (kind.startsWith('personal ')) return { ...world, token: (await personalToken(owner, kind.slice('personal '.length))).token };
  switch (kind) {
    case 'revoked': {
      const { token, accessToken } = await personalToken(owner, 'api');
      await revokePersonalAccessToken({ actor: owner, tokenId: accessToken.id });
      return { ...world, token };
    }
    case 'expired': {
      // Created in 2020 with a 2020 expiry: long past by now.
      const { token } = await personalToken(owner, 'api', { now: new Date('2020-01-10T12:00:00Z'), expiresAt: '2020-02-01' });
      return { ...world, token };
    }
    case 'blocked user': {
      const { token } = await personalToken(owner, 'api');
      await setUserState(owner.id, 'blocked');
      return { ...world, token };
    }
    case 'project api in FIPS mode': {
      const token = await projectToken(owner, project.id, 'api');
      vi.stubEnv('KEYHOLD_FIPS_MODE', '1');
      return { ...world, token };
    }
    default:
      throw new Error(`no world for ${kind}`);
  }
}

describe('scope × route table', () => {
  it('covers every route of the table and every token kind', () => {
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.keys(EXPECTED) as TokenKind[])('%s', async (kind) => {
    await resetInstanceSettings();
    const world = await worldFor(kind);
    const actual: Partial<Record<RouteName, number>> = {};
    for (const [name, call] of Object.entries(ROUTES) as [RouteName, (world: World) => Promise<{ status: number }>][]) {
      actual[name] = (await call(world)).status;
    }
    expect(actual).toEqual(EXPECTED[kind]);
  });
});
