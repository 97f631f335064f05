import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { groupProject } from '@/tests/token-factories';

withFreshDatabase();

async function projectWithToken(scopes: string[], accessLevel: number = AccessLevel.Maintainer) {
  const { owner, group, project } = await groupProject();
  const created = await createProjectAccessToken({
    actor: owner,
    projectId: project.id,
    name: 'automation',
    scopes,
    accessLevel,
    expiresAt: undefined,
  });
  return { owner, group, project, token: created.token, accessToken: created.accessToken };
}

describe('REST API with a project access token', () => {
  it.each(['private-token', 'bearer', 'query'] as const)('authenticates via %s and GET /user is the bot', async (via) => {
    const { token, accessToken, project } = await projectWithToken(['read_api']);
    const { status, json } = await api('/user', { token, via });
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: accessToken.userId, username: `project_${project.id}_bot`, bot: true, state: 'active' });
  });

  it('creates, lists, reads, rotates and revokes tokens with GitLab shapes', async () => {
    const { project, token } = await projectWithToken(['api']);
    // Tokens cannot create tokens.
    const created = await api(`/projects/${project.id}/access_tokens`, {
      method: 'POST',
      token,
      body: { name: 'nested', scopes: ['api'] },
    });
    expect(created.status).toBe(403);

    const ref = encodeURIComponent(project.fullPath);
    const list = await api(`/projects/${ref}/access_tokens`, { token });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total')).toBe('1');
    const [first] = list.json;
    expect(Object.keys(first).sort()).toEqual(
      [
        'access_level',
        'active',
        'created_at',
        'description',
        'expires_at',
        'id',
        'last_used_at',
        'last_used_ips',
        'name',
        'resource_id',
        'resource_type',
        'revoked',
        'scopes',
        'user_id',
      ].sort(),
    );
    expect(first).toMatchObject({
      name: 'automation',
      active: true,
      revoked: false,
      access_level: 40,
      resource_type: 'project',
      resource_id: project.id,
    });
    expect(first.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.token).toBeUndefined();

    const one = await api(`/projects/${project.id}/access_tokens/${first.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(first.id);
    expect((await api(`/projects/${project.id}/access_tokens/999999`, { token })).json).toEqual({
      message: '404 Project Access Token Not Found',
    });

    const rotated = await api(`/projects/${project.id}/access_tokens/self/rotate`, { method: 'POST', token });
    expect(rotated.status).toBe(200);
    expect(rotated.json.token).toMatch(/^glpat-/);
    const old = await api('/user', { token });
    expect(old.status).toBe(401);
    expect(old.json).toEqual({ error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' });
    expect(old.headers.get('www-authenticate')).toMatch(/^Bearer realm="Protected by OAuth 2.0", error="invalid_token"/);

    const revoked = await api(`/projects/${project.id}/access_tokens/${rotated.json.id}`, { method: 'DELETE', token: rotated.json.token });
    expect(revoked.status).toBe(204);
    expect((await api('/user', { token: rotated.json.token })).status).toBe(401);
  });

  it('scopes: read_api reads but cannot write; read_repository opens no API route', async () => {
    const { project, token: readApi } = await projectWithToken(['read_api']);
    expect((await api(`/projects/${project.id}`, { token: readApi })).status).toBe(200);
    const write = await api(`/projects/${project.id}/access_tokens/1`, { method: 'DELETE', token: readApi });
    expect(write.status).toBe(403);
    expect(write.json).toEqual({
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: 'api',
    });
    const { project: other, token: repoOnly } = await projectWithToken(['read_repository']);
    const read = await api(`/projects/${other.id}`, { token: repoOnly });
    expect(read.status).toBe(403);
    expect(read.json.scope).toBe('api read_api');
  });

  it('a project token sees its own project but not another private project (404, not 403)', async () => {
    const { token } = await projectWithToken(['api']);
    const { project: other } = await groupProject();
    expect(await api(`/projects/${other.id}`, { token })).toMatchObject({ status: 404, json: { message: '404 Project Not Found' } });
    expect((await api(`/projects/${encodeURIComponent(other.fullPath)}/access_tokens`, { token })).status).toBe(404);
  });

  it('answers unknown routes, bad methods, bad tokens and bad JSON with GitLab-shaped JSON', async () => {
    const { project, token } = await projectWithToken(['api']);
    expect(await api('/no/such/route', { token })).toMatchObject({ status: 404, json: { message: '404 Not Found' } });
    expect((await api('/projects', { method: 'PATCH', token })).status).toBe(405);
    expect(await api('/user', { token: 'glpat-not-a-real-token' })).toMatchObject({ status: 401, json: { message: '401 Unauthorized' } });
    expect(await api('/user')).toMatchObject({ status: 401, json: { message: '401 Unauthorized' } });
    const malformed = await api(`/projects/${project.id}/access_tokens/self/rotate`, { method: 'POST', token, body: '{oops' });
    expect(malformed).toMatchObject({ status: 400, json: { message: '400 Bad request - malformed JSON body' } });
  });

  it('GET /projects pages with GitLab headers', async () => {
    const { project, token } = await projectWithToken(['read_api']);
    const { status, json, headers } = await api('/projects?membership=true&per_page=1', { token });
    expect(status).toBe(200);
    expect(json.map((p: { id: number }) => p.id)).toEqual([project.id]);
    expect(headers.get('x-total')).toBe('1');
    expect(headers.get('x-per-page')).toBe('1');
    expect(headers.get('link')).toContain('rel="first"');
  });

  it('POST /projects is for people; an Owner-role token deletes its own project and then stops working', async () => {
    const { project, token } = await projectWithToken(['api'], AccessLevel.Owner);
    const created = await api('/projects', { method: 'POST', token, body: { name: 'By a bot' } });
    expect(created.status).toBe(403);
    expect((await api('/projects', { method: 'POST', token, body: {} })).json).toEqual({ error: 'name is missing' });
    const deleted = await api(`/projects/${project.id}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(202);
    expect(await api('/user', { token })).toMatchObject({ status: 401, json: { message: '401 Unauthorized' } });
  });

  it('a Maintainer-role token cannot delete the project', async () => {
    const { project, token } = await projectWithToken(['api'], AccessLevel.Maintainer);
    expect((await api(`/projects/${project.id}`, { method: 'DELETE', token })).status).toBe(403);
    expect((await api(`/projects/${project.id}`, { token })).status).toBe(200);
  });
});
