import { beforeAll, describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { createPersonalAccessToken, revokePersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { createProjectAccessToken, revokeProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { publishAs, withPackageStorage } from '@/tests/package-factories';
import { projectMember } from '@/tests/token-factories';

/**
 * Who may upload, download and list generic packages of a private project: every token scope ×
 * every role, written out by hand from GitLab's rules (api for writes; api or read_api for reads;
 * Developer+ publishes, Reporter+ reads a private project's packages), so the table can fail.
 * `scope` is a 403 with `insufficient_scope` (refused before the project is looked at); a bare
 * 403 is the role's refusal (`403 Forbidden`).
 */
withFreshDatabase();
withPackageStorage();

type Outcome = number | 'scope';
type Row = { upload: Outcome; download: Outcome; list: Outcome };
type Role = 'Guest' | 'Reporter' | 'Developer' | 'Maintainer';
const ROLES: Record<Role, number> = {
  Guest: AccessLevel.Guest,
  Reporter: AccessLevel.Reporter,
  Developer: AccessLevel.Developer,
  Maintainer: AccessLevel.Maintainer,
};

const NO_API_SCOPE: Record<Role, Row> = {
  Guest: { upload: 'scope', download: 'scope', list: 'scope' },
  Reporter: { upload: 'scope', download: 'scope', list: 'scope' },
  Developer: { upload: 'scope', download: 'scope', list: 'scope' },
  Maintainer: { upload: 'scope', download: 'scope', list: 'scope' },
};

const EXPECTED: Record<string, Record<Role, Row>> = {
  api: {
    Guest: { upload: 403, download: 403, list: 403 },
    Reporter: { upload: 403, download: 200, list: 200 },
    Developer: { upload: 201, download: 200, list: 200 },
    Maintainer: { upload: 201, download: 200, list: 200 },
  },
  read_api: {
    Guest: { upload: 'scope', download: 403, list: 403 },
    Reporter: { upload: 'scope', download: 200, list: 200 },
    Developer: { upload: 'scope', download: 200, list: 200 },
    Maintainer: { upload: 'scope', download: 200, list: 200 },
  },
  read_user: NO_API_SCOPE,
  read_repository: NO_API_SCOPE,
  write_repository: NO_API_SCOPE,
  read_registry: NO_API_SCOPE,
  write_registry: NO_API_SCOPE,
};

/** Project access tokens cannot carry read_user; personal tokens cannot carry the registry scopes. */
const PROJECT_TOKEN_SCOPES = ['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry'];
const PERSONAL_TOKEN_SCOPES = ['api', 'read_api', 'read_user', 'read_repository', 'write_repository'];

let owner: Actor;
let privateProject = 0;
let publicProject = 0;
let internalProject = 0;

beforeAll(async () => {
  owner = await createTestUser();
  const group = await createGroup({ actor: owner, name: 'Registry', path: `registry-${uniqueSuffix()}`, visibility: 'public' });
  const make = async (visibility: 'private' | 'internal' | 'public') =>
    (await createProject({ actor: owner, name: visibility, path: `${visibility}-${uniqueSuffix()}`, namespaceId: group.id, visibility }))
      .id;
  privateProject = await make('private');
  publicProject = await make('public');
  internalProject = await make('internal');
  for (const id of [privateProject, publicProject, internalProject]) await publishAs(owner, id, 'tool', '1.0.0', 'tool.bin', 'binary');
});

let uploads = 0;
async function outcome(response: Promise<{ status: number; json: { error?: string } | null }>): Promise<Outcome> {
  const { status, json } = await response;
  return status === 403 && json?.error === 'insufficient_scope' ? 'scope' : status;
}

async function actions(projectId: number, token?: string): Promise<Row> {
  uploads++;
  return {
    upload: await outcome(
      api(`/projects/${projectId}/packages/generic/tool/1.0.0/upload-${uploads}.bin`, { method: 'PUT', token, body: 'x' }),
    ),
    download: await outcome(api(`/projects/${projectId}/packages/generic/tool/1.0.0/tool.bin`, { token })),
    list: await outcome(api(`/projects/${projectId}/packages`, { token })),
  };
}

async function projectToken(projectId: number, scope: string, accessLevel: number) {
  return createProjectAccessToken({
    actor: owner,
    projectId,
    name: `${scope} ${accessLevel}`,
    scopes: [scope],
    accessLevel,
    expiresAt: undefined,
  });
}

describe('generic packages: scope × role on a private project', () => {
  const cases = Object.keys(ROLES).flatMap((role) => [
    ...PROJECT_TOKEN_SCOPES.map((scope) => ({ kind: 'project token', scope, role: role as Role })),
    ...PERSONAL_TOKEN_SCOPES.map((scope) => ({ kind: 'personal token of a member', scope, role: role as Role })),
  ]);

  it.each(cases)('$kind, $scope, $role', async ({ kind, scope, role }) => {
    let token: string;
    if (kind === 'project token') {
      token = (await projectToken(privateProject, scope, ROLES[role])).token;
    } else {
      const member = await projectMember(privateProject, ROLES[role]);
      token = (await createPersonalAccessToken({ actor: member, name: scope, scopes: [scope], expiresAt: undefined })).token;
    }
    expect(await actions(privateProject, token)).toEqual(EXPECTED[scope]![role]);
  });
});

describe('generic packages: everyone else', () => {
  it('anonymous: public projects are readable, private ones do not exist, nobody uploads', async () => {
    expect(await actions(publicProject)).toEqual({ upload: 401, download: 200, list: 200 });
    expect(await actions(privateProject)).toEqual({ upload: 401, download: 404, list: 404 });
    expect(await actions(internalProject)).toEqual({ upload: 401, download: 404, list: 404 });
  });

  it('revoked tokens: 401, whatever they could do before', async () => {
    const personal = await createPersonalAccessToken({ actor: owner, name: 'gone', scopes: ['api'], expiresAt: undefined });
    await revokePersonalAccessToken({ actor: owner, tokenId: personal.accessToken.id });
    expect(await actions(privateProject, personal.token)).toEqual({ upload: 401, download: 401, list: 401 });
    const project = await projectToken(privateProject, 'api', AccessLevel.Maintainer);
    await revokeProjectAccessToken({ actor: owner, projectId: privateProject, tokenId: project.accessToken.id });
    expect(await actions(privateProject, project.token)).toEqual({ upload: 401, download: 401, list: 401 });
  });

  it("another project's Maintainer token: not found on a private project, read-only on public and internal ones", async () => {
    const other = await createProject({
      actor: owner,
      name: 'Other',
      path: `other-${uniqueSuffix()}`,
      namespaceId: (await createGroup({ actor: owner, name: 'O', path: `o-${uniqueSuffix()}` })).id,
    });
    const { token } = await projectToken(other.id, 'api', AccessLevel.Maintainer);
    expect(await actions(privateProject, token)).toEqual({ upload: 404, download: 404, list: 404 });
    expect(await actions(publicProject, token)).toEqual({ upload: 403, download: 200, list: 200 });
    expect(await actions(internalProject, token)).toEqual({ upload: 403, download: 200, list: 200 });
  });

  it('a signed-in non-member with api: reads public and internal packages, uploads nowhere', async () => {
    const stranger = await createTestUser();
    const { token } = await createPersonalAccessToken({ actor: stranger, name: 'stranger', scopes: ['api'], expiresAt: undefined });
    expect(await actions(publicProject, token)).toEqual({ upload: 403, download: 200, list: 200 });
    expect(await actions(internalProject, token)).toEqual({ upload: 403, download: 200, list: 200 });
    expect(await actions(privateProject, token)).toEqual({ upload: 404, download: 404, list: 404 });
  });
});
