import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/actor';
import { createPersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { createToken, groupProject } from '@/tests/token-factories';

withFreshDatabase();

async function patOf(user: Actor, scopes: string[] = ['api']) {
  return (await createPersonalAccessToken({ actor: user, name: 'cli', scopes, expiresAt: undefined })).token;
}

const adminToken = async () => patOf(await createTestUser({ isAdmin: true }));

describe('REST API: users (admin)', () => {
  it('POST /users creates a person (201); GET /users/:id and the list show them', async () => {
    const token = await adminToken();
    const username = `dana-${uniqueSuffix()}`;
    const created = await api('/users', {
      method: 'POST',
      token,
      body: { username, name: 'Dana', email: `${username}@example.com`, password: 'a long enough password' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      username,
      name: 'Dana',
      email: `${username}@example.com`,
      state: 'active',
      is_admin: false,
      bot: false,
    });
    expect(created.json.password).toBeUndefined();
    expect(created.json.password_hash).toBeUndefined();

    const one = await api(`/users/${created.json.id}`, { token });
    expect(one.json).toMatchObject({ id: created.json.id, username, email: `${username}@example.com` });

    const found = await api(`/users?search=${username}`, { token });
    expect(found.status).toBe(200);
    expect(found.json.map((user: { id: number }) => user.id)).toEqual([created.json.id]);
    expect(found.headers.get('x-total')).toBe('1');
    expect((await api(`/users?username=${username}`, { token })).json).toHaveLength(1);
    const paged = await api('/users?per_page=1&page=2', { token });
    expect(paged.json).toHaveLength(1);
    expect(Number(paged.headers.get('x-total'))).toBeGreaterThanOrEqual(2);
    expect((await api('/users?per_page=1&page=9999', { token })).json).toEqual([]);
  });

  it('refuses invalid users with 400 JSON and a taken username with 409, never 500', async () => {
    const token = await adminToken();
    const post = (body: unknown) => api('/users', { method: 'POST', token, body });
    expect(await post({ name: 'x', email: 'x@example.com', password: 'a long enough password' })).toMatchObject({
      status: 400,
      json: { error: 'username is missing' },
    });
    const username = `erin-${uniqueSuffix()}`;
    expect((await post({ username, name: 'Erin', email: 'not-an-email', password: 'a long enough password' })).status).toBe(400);
    expect((await post({ username, name: 'Erin', email: `${username}@example.com`, password: 'short' })).status).toBe(400);
    expect(
      (await post({ username: 'bad name!', name: 'Erin', email: `${username}@example.com`, password: 'a long enough password' })).status,
    ).toBe(400);
    expect((await post({ username, name: 'Erin', email: `${username}@example.com`, password: 'a long enough password' })).status).toBe(201);
    expect(
      (await post({ username, name: 'Erin', email: `other-${username}@example.com`, password: 'a long enough password' })).status,
    ).toBe(409);
  });

  it('blocks and unblocks (201 true); a blocked user’s token stops working; bots and oneself are refused', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const token = await patOf(admin);
    const user = await createTestUser();
    const userToken = await patOf(user);
    expect(await api(`/users/${user.id}/block`, { method: 'POST', token })).toMatchObject({ status: 201, json: true });
    expect((await api(`/users/${user.id}`, { token })).json.state).toBe('blocked');
    expect((await api('/user', { token: userToken })).status).toBe(401);
    expect(await api(`/users/${user.id}/unblock`, { method: 'POST', token })).toMatchObject({ status: 201, json: true });
    expect((await api('/user', { token: userToken })).status).toBe(200);

    expect((await api(`/users/${admin.id}/block`, { method: 'POST', token })).status).toBe(403);
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id, { expiresAt: undefined, now: undefined });
    expect((await api(`/users/${accessToken.userId}/block`, { method: 'POST', token })).status).toBe(403);
    expect(await api('/users/999999/block', { method: 'POST', token })).toMatchObject({
      status: 404,
      json: { message: '404 User Not Found' },
    });
    expect((await api('/users/999999', { token })).status).toBe(404);
  });

  it('non-admins: 403 on admin routes; may look up an exact username and read basic fields', async () => {
    const user = await createTestUser();
    const token = await patOf(user);
    const other = await createTestUser();
    expect(
      await api('/users', { method: 'POST', token, body: { username: 'x', name: 'x', email: 'x@example.com', password: 'p' } }),
    ).toMatchObject({
      status: 403,
      json: { message: '403 Forbidden' },
    });
    expect((await api('/users', { token })).status).toBe(403);
    expect((await api(`/users/${other.id}/block`, { method: 'POST', token })).status).toBe(403);
    expect((await api(`/users/${other.id}/unblock`, { method: 'POST', token })).status).toBe(403);

    const lookup = await api(`/users?username=${other.username}`, { token });
    expect(lookup.status).toBe(200);
    expect(lookup.json).toEqual([
      {
        id: other.id,
        username: other.username,
        name: other.name,
        state: 'active',
        locked: false,
        avatar_url: null,
        web_url: `http://keyhold.test/${other.username}`,
      },
    ]);
    expect((await api('/users?username=nobody-at-all', { token })).json).toEqual([]);
    const basic = await api(`/users/${other.id}`, { token });
    expect(basic.status).toBe(200);
    expect(basic.json.email).toBeUndefined();
    expect(basic.json.is_admin).toBeUndefined();
  });
});
