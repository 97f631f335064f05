import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { addDays, utcDate } from '@/lib/dates';
import { createPersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { setUserState } from '@/tests/personal-token-factories';
import { groupProject } from '@/tests/token-factories';

withFreshDatabase();

const today = () => utcDate(new Date());

/** A personal token of `user`, valid for the longest allowed time from the real today. */
async function patOf(user: Actor, scopes: string[] = ['api'], name = 'automation') {
  return createPersonalAccessToken({ actor: user, name, scopes, expiresAt: undefined });
}

async function userWithToken(scopes: string[] = ['api'], options: { isAdmin?: boolean } = {}) {
  const user = await createTestUser(options);
  const { token, accessToken } = await patOf(user, scopes);
  return { user, token, accessToken };
}

const TOKEN_KEYS = ['active', 'created_at', 'description', 'expires_at', 'id', 'last_used_at', 'name', 'revoked', 'scopes', 'user_id'];

describe('REST API with a personal access token', () => {
  it('GET /user is the person; GET /personal_access_tokens/self describes the token in GitLab shape', async () => {
    const { user, token, accessToken } = await userWithToken(['api']);
    const me = await api('/user', { token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: user.id, username: user.username, bot: false, is_admin: false });

    const self = await api('/personal_access_tokens/self', { token });
    expect(self.status).toBe(200);
    expect(Object.keys(self.json).sort()).toEqual(TOKEN_KEYS);
    expect(self.json).toMatchObject({
      id: accessToken.id,
      name: 'automation',
      revoked: false,
      active: true,
      scopes: ['api'],
      user_id: user.id,
      expires_at: accessToken.expiresAt,
    });
    // Authenticating just now recorded the use.
    expect(self.json.last_used_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(self.json.token).toBeUndefined();
  });

  it('read_user opens GET /user and /personal_access_tokens/self only', async () => {
    const { token } = await userWithToken(['read_user']);
    expect((await api('/user', { token })).status).toBe(200);
    expect((await api('/personal_access_tokens/self', { token })).status).toBe(200);
    const list = await api('/personal_access_tokens', { token });
    expect(list.status).toBe(403);
    expect(list.json).toMatchObject({ error: 'insufficient_scope', scope: 'api read_api' });
    expect((await api('/projects', { token })).status).toBe(403);
    expect((await api('/personal_access_tokens/self/rotate', { method: 'POST', token })).status).toBe(403);
  });

  it('read_repository alone opens no API route; read_api reads but cannot revoke', async () => {
    const { token: repoOnly } = await userWithToken(['read_repository']);
    expect((await api('/user', { token: repoOnly })).status).toBe(403);
    const { token: readApi, accessToken } = await userWithToken(['read_api']);
    expect((await api('/personal_access_tokens', { token: readApi })).status).toBe(200);
    const write = await api(`/personal_access_tokens/${accessToken.id}`, { method: 'DELETE', token: readApi });
    expect(write).toMatchObject({ status: 403, json: { error: 'insufficient_scope', scope: 'api' } });
  });

  it("lists the caller's own tokens; other users' are invisible; admins see everyone's and filter by user_id", async () => {
    const { user, token, accessToken } = await userWithToken(['api']);
    const second = await patOf(user, ['read_api'], 'second');
    const { user: other, accessToken: othersToken } = await userWithToken(['api']);
    const { user: admin, token: adminToken } = await userWithToken(['api'], { isAdmin: true });

    const mine = await api('/personal_access_tokens', { token });
    expect(mine.status).toBe(200);
    expect(mine.json.map((item: { id: number }) => item.id)).toEqual([second.accessToken.id, accessToken.id]);
    expect(mine.headers.get('x-total')).toBe('2');
    expect(Object.keys(mine.json[0]).sort()).toEqual(TOKEN_KEYS);
    expect((await api(`/personal_access_tokens?user_id=${user.id}`, { token })).status).toBe(200);
    expect(await api(`/personal_access_tokens?user_id=${other.id}`, { token })).toMatchObject({
      status: 401,
      json: { message: '401 Unauthorized' },
    });

    const paged = await api('/personal_access_tokens?per_page=1&page=2', { token });
    expect(paged.json.map((item: { id: number }) => item.id)).toEqual([accessToken.id]);
    expect(paged.headers.get('x-total-pages')).toBe('2');
    expect((await api('/personal_access_tokens?search=SEC', { token })).json).toHaveLength(1);
    expect((await api('/personal_access_tokens?state=bogus', { token })).status).toBe(400);

    const filtered = await api(`/personal_access_tokens?user_id=${other.id}`, { token: adminToken });
    expect(filtered.json.map((item: { id: number }) => item.id)).toEqual([othersToken.id]);
    const all = await api('/personal_access_tokens?per_page=100', { token: adminToken });
    const owners = new Set(all.json.map((item: { user_id: number }) => item.user_id));
    expect([...owners]).toEqual(expect.arrayContaining([user.id, other.id, admin.id]));
  });

  it('GET and DELETE by id: own tokens; 401 for anyone else; admins get 404 for unknown ids and may revoke any', async () => {
    const { token, accessToken } = await userWithToken(['api']);
    const { token: otherToken, accessToken: othersToken } = await userWithToken(['api']);
    const { token: adminToken } = await userWithToken(['api'], { isAdmin: true });

    expect(await api(`/personal_access_tokens/${accessToken.id}`, { token })).toMatchObject({ status: 200, json: { id: accessToken.id } });
    for (const path of [`/personal_access_tokens/${othersToken.id}`, '/personal_access_tokens/999999', '/personal_access_tokens/abc']) {
      expect(await api(path, { token })).toMatchObject({ status: 401, json: { message: '401 Unauthorized' } });
    }
    expect(await api(`/personal_access_tokens/${othersToken.id}`, { method: 'DELETE', token })).toMatchObject({ status: 401 });
    expect((await api('/user', { token: otherToken })).status).toBe(200);

    expect((await api(`/personal_access_tokens/${othersToken.id}`, { token: adminToken })).status).toBe(200);
    expect(await api('/personal_access_tokens/999999', { token: adminToken })).toMatchObject({
      status: 404,
      json: { message: '404 Not Found' },
    });
    expect((await api(`/personal_access_tokens/${othersToken.id}`, { method: 'DELETE', token: adminToken })).status).toBe(204);
    expect((await api('/user', { token: otherToken })).status).toBe(401);

    // A token may revoke itself; afterwards it is refused as revoked.
    expect((await api(`/personal_access_tokens/${accessToken.id}`, { method: 'DELETE', token })).status).toBe(204);
    const after = await api('/user', { token });
    expect(after).toMatchObject({
      status: 401,
      json: { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' },
    });
    expect(await api(`/personal_access_tokens/${accessToken.id}`, { method: 'DELETE', token: adminToken })).toMatchObject({
      status: 400,
      json: { message: '400 Bad request - Token already revoked' },
    });
  });

  it('POST /personal_access_tokens/self/rotate: a new token once, a week by default; the old one stops', async () => {
    const { user, token, accessToken } = await userWithToken(['api', 'read_user']);
    const rotated = await api('/personal_access_tokens/self/rotate', { method: 'POST', token });
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.json).sort()).toEqual([...TOKEN_KEYS, 'token'].sort());
    expect(rotated.json).toMatchObject({
      name: 'automation',
      scopes: ['api', 'read_user'],
      user_id: user.id,
      active: true,
      expires_at: addDays(today(), 7),
    });
    expect(rotated.json.id).not.toBe(accessToken.id);
    expect(rotated.json.token).toMatch(/^glpat-/);
    expect((await api('/user', { token })).status).toBe(401);
    expect((await api('/user', { token: rotated.json.token })).json.id).toBe(user.id);

    const chosen = addDays(today(), 20);
    const again = await api('/personal_access_tokens/self/rotate', {
      method: 'POST',
      token: rotated.json.token,
      body: { expires_at: chosen },
    });
    expect(again).toMatchObject({ status: 200, json: { expires_at: chosen } });
    const tooLate = await api('/personal_access_tokens/self/rotate', {
      method: 'POST',
      token: again.json.token,
      body: { expires_at: addDays(today(), 400) },
    });
    expect(tooLate.status).toBe(400);
    expect(tooLate.json.message).toMatch(/^400 Bad request - Expires at must be before \d{4}-\d{2}-\d{2}$/);
    // The refused rotation left the token working.
    expect((await api('/user', { token: again.json.token })).status).toBe(200);
  });

  it('POST /personal_access_tokens/:id/rotate rotates an own token; re-use of the old one revokes the chain', async () => {
    const { user, token, accessToken } = await userWithToken(['api']);
    const spare = await patOf(user, ['api'], 'spare');
    const rotated = await api(`/personal_access_tokens/${accessToken.id}/rotate`, { method: 'POST', token: spare.token });
    expect(rotated.status).toBe(200);
    expect((await api('/user', { token })).status).toBe(401);
    const reuse = await api(`/personal_access_tokens/${accessToken.id}/rotate`, { method: 'POST', token: spare.token });
    expect(reuse).toMatchObject({ status: 400, json: { message: '400 Bad request - Token already revoked' } });
    expect((await api('/user', { token: rotated.json.token })).status).toBe(401);
    const { token: stranger } = await userWithToken(['api']);
    expect((await api(`/personal_access_tokens/${spare.accessToken.id}/rotate`, { method: 'POST', token: stranger })).status).toBe(401);
  });

  it('POST /users/:id/personal_access_tokens: admins create a token for a user; others are refused', async () => {
    const { token: adminToken } = await userWithToken(['api'], { isAdmin: true });
    const person = await createTestUser();
    const expiresAt = addDays(today(), 10);
    const created = await api(`/users/${person.id}/personal_access_tokens`, {
      method: 'POST',
      token: adminToken,
      body: { name: 'provisioned', scopes: ['read_api', 'read_user'], expires_at: expiresAt, description: 'by the admin' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'provisioned',
      description: 'by the admin',
      scopes: ['read_api', 'read_user'],
      user_id: person.id,
      expires_at: expiresAt,
      active: true,
    });
    const me = await api('/user', { token: created.json.token });
    expect(me.json).toMatchObject({ id: person.id, username: person.username });

    // Form-encoded with scopes[] and no expiry: the longest allowed.
    const form = await api(`/users/${person.id}/personal_access_tokens?name=form&scopes[]=api`, { method: 'POST', token: adminToken });
    expect(form.status).toBe(201);
    expect(form.json.expires_at).toBe(addDays(today(), 365));

    const { token: userToken } = await userWithToken(['api']);
    const refused = await api(`/users/${person.id}/personal_access_tokens`, {
      method: 'POST',
      token: userToken,
      body: { name: 'x', scopes: ['api'] },
    });
    expect(refused).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });

    const post = (path: string, body: unknown) => api(path, { method: 'POST', token: adminToken, body });
    expect(await post(`/users/${person.id}/personal_access_tokens`, { scopes: ['api'] })).toMatchObject({
      status: 400,
      json: { error: 'name is missing' },
    });
    expect(await post(`/users/${person.id}/personal_access_tokens`, { name: 'x' })).toMatchObject({
      status: 400,
      json: { error: 'scopes is missing' },
    });
    expect(await post(`/users/${person.id}/personal_access_tokens`, { name: 'x', scopes: ['read_registry'] })).toMatchObject({
      status: 400,
      json: { message: '400 Bad request - Scopes can only contain available scopes' },
    });
    expect(await post('/users/999999/personal_access_tokens', { name: 'x', scopes: ['api'] })).toMatchObject({
      status: 404,
      json: { message: '404 User Not Found' },
    });
  });

  it('DELETE /personal_access_tokens/self revokes the token in use', async () => {
    const { token } = await userWithToken(['api']);
    expect((await api('/personal_access_tokens/self', { method: 'DELETE', token })).status).toBe(204);
    expect(await api('/user', { token })).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
  });

  it("a blocked person's token is refused", async () => {
    const { user, token } = await userWithToken(['api']);
    await setUserState(user.id, 'blocked');
    expect(await api('/user', { token })).toMatchObject({ status: 401 });
    await setUserState(user.id, 'active');
    expect((await api('/user', { token })).status).toBe(200);
  });
});

describe('REST API personal token routes with a project access token', () => {
  async function projectToken() {
    const { owner, project } = await groupProject();
    const created = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: 'bot',
      scopes: ['api'],
      accessLevel: AccessLevel.Maintainer,
      expiresAt: undefined,
    });
    return { owner, project, ...created };
  }

  it('describes itself at /personal_access_tokens/self, but may create or rotate no token here', async () => {
    const { token, accessToken, owner } = await projectToken();
    const self = await api('/personal_access_tokens/self', { token });
    expect(self).toMatchObject({ status: 200, json: { id: accessToken.id, user_id: accessToken.userId, scopes: ['api'] } });

    const rotate = await api('/personal_access_tokens/self/rotate', { method: 'POST', token });
    expect(rotate.status).toBe(403);
    expect(rotate.json.message).toMatch(/^403 Forbidden - Project access tokens cannot/);
    const create = await api(`/users/${owner.id}/personal_access_tokens`, { method: 'POST', token, body: { name: 'x', scopes: ['api'] } });
    expect(create.status).toBe(403);
    const { accessToken: ownersPat } = await patOf(owner);
    expect((await api(`/personal_access_tokens/${ownersPat.id}/rotate`, { method: 'POST', token })).status).toBe(403);
    // And it sees no personal tokens of anyone.
    expect((await api('/personal_access_tokens', { token })).json).toEqual([]);
    expect((await api(`/personal_access_tokens/${ownersPat.id}`, { token })).status).toBe(401);
    expect((await api('/personal_access_tokens/self', { method: 'DELETE', token })).status).toBe(403);
    // Still working after all that.
    expect((await api('/user', { token })).status).toBe(200);
  });
});
