import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createPersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { setUserState } from '@/tests/personal-token-factories';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { createToken, groupMember, groupProject, projectMember } from '@/tests/token-factories';

withFreshDatabase();

async function patOf(user: Actor, scopes: string[] = ['api']) {
  return (await createPersonalAccessToken({ actor: user, name: 'cli', scopes, expiresAt: undefined })).token;
}

const MEMBER_KEYS = [
  'access_level',
  'avatar_url',
  'bot',
  'created_at',
  'expires_at',
  'id',
  'locked',
  'membership_state',
  'name',
  'state',
  'username',
  'web_url',
];

describe('REST API: project members', () => {
  it('lists direct members on /members and inherited ones on /members/all, with pagination headers', async () => {
    const { owner, group, project } = await groupProject();
    const developer = await projectMember(project.id, AccessLevel.Developer);
    const reporter = await groupMember(group.id, AccessLevel.Reporter);
    const token = await patOf(owner);

    const direct = await api(`/projects/${project.id}/members`, { token });
    expect(direct.status).toBe(200);
    expect(direct.json.map((member: { id: number }) => member.id)).toEqual([developer.id]);
    expect(Object.keys(direct.json[0]).sort()).toEqual(MEMBER_KEYS);
    expect(direct.json[0]).toMatchObject({
      username: developer.username,
      access_level: 30,
      state: 'active',
      bot: false,
      expires_at: null,
      web_url: `http://keyhold.test/${developer.username}`,
    });
    expect(direct.json[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(direct.headers.get('x-total')).toBe('1');

    const all = await api(`/projects/${encodeURIComponent(project.fullPath)}/members/all?per_page=2`, { token });
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total')).toBe('3');
    expect(all.headers.get('x-total-pages')).toBe('2');
    expect(all.headers.get('x-next-page')).toBe('2');
    expect(all.json).toHaveLength(2);
    const second = await api(`/projects/${project.id}/members/all?per_page=2&page=2`, { token });
    const ids = [...all.json, ...second.json].map((member: { id: number }) => member.id).sort((a, b) => a - b);
    expect(ids).toEqual([owner.id, developer.id, reporter.id].sort((a, b) => a - b));

    // One member: direct only on /members/:user_id, inherited too on /members/all/:user_id.
    expect((await api(`/projects/${project.id}/members/${developer.id}`, { token })).json).toMatchObject({ id: developer.id });
    expect(await api(`/projects/${project.id}/members/${reporter.id}`, { token })).toMatchObject({
      status: 404,
      json: { message: '404 Member Not Found' },
    });
    expect((await api(`/projects/${project.id}/members/all/${reporter.id}`, { token })).json).toMatchObject({
      id: reporter.id,
      access_level: 20,
    });
    expect((await api(`/projects/${project.id}/members/abc`, { token })).status).toBe(404);
  });

  it('adds by user_id or username, changes the role and removes a member', async () => {
    const { owner, project } = await groupProject();
    const token = await patOf(owner);
    const alice = await createTestUser();
    const bob = await createTestUser();

    const byId = await api(`/projects/${project.id}/members`, {
      method: 'POST',
      token,
      body: { user_id: alice.id, access_level: 30, expires_at: '2099-01-01' },
    });
    expect(byId.status).toBe(201);
    expect(byId.json).toMatchObject({ id: alice.id, access_level: 30, expires_at: '2099-01-01' });
    const byName = await api(`/projects/${project.id}/members`, {
      method: 'POST',
      token,
      body: { username: bob.username, access_level: 20 },
    });
    expect(byName.status).toBe(201);
    expect(byName.json).toMatchObject({ id: bob.id, access_level: 20 });
    expect(
      (await api(`/projects/${project.id}/members`, { method: 'POST', token, body: { user_id: alice.id, access_level: 30 } })).status,
    ).toBe(409);

    const changed = await api(`/projects/${project.id}/members/${alice.id}`, { method: 'PUT', token, body: { access_level: 40 } });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ id: alice.id, access_level: 40, expires_at: '2099-01-01' });
    const extended = await api(`/projects/${project.id}/members/${alice.id}`, {
      method: 'PUT',
      token,
      body: { access_level: 40, expires_at: '2100-06-30' },
    });
    expect(extended.json).toMatchObject({ access_level: 40, expires_at: '2100-06-30' });
    const cleared = await api(`/projects/${project.id}/members/${alice.id}`, {
      method: 'PUT',
      token,
      body: { access_level: 40, expires_at: '' },
    });
    expect(cleared.json).toMatchObject({ access_level: 40, expires_at: null });
    const past = await api(`/projects/${project.id}/members/${alice.id}`, {
      method: 'PUT',
      token,
      body: { access_level: 40, expires_at: '2001-01-01' },
    });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.json)).toContain('Expiration date must be in the future');

    expect((await api(`/projects/${project.id}/members/${bob.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await api(`/projects/${project.id}/members/${bob.id}`, { token })).status).toBe(404);
  });

  it('refuses bad input with 400 JSON, never 500', async () => {
    const { owner, project } = await groupProject();
    const token = await patOf(owner);
    const user = await createTestUser();
    const post = (body: unknown) => api(`/projects/${project.id}/members`, { method: 'POST', token, body });
    expect(await post({ access_level: 30 })).toMatchObject({ status: 400, json: { error: 'user_id is missing' } });
    expect(await post({ user_id: user.id })).toMatchObject({ status: 400, json: { error: 'access_level is missing' } });
    expect(await post({ user_id: user.id, access_level: 35 })).toMatchObject({
      status: 400,
      json: { message: '400 Bad request - Role is not valid' },
    });
    expect((await post({ user_id: user.id, access_level: 'high' })).status).toBe(400);
    expect((await post({ user_id: user.id, access_level: 30, expires_at: 'tomorrow' })).status).toBe(400);
    expect((await post({ user_id: user.id, access_level: 30, expires_at: '2001-01-01' })).status).toBe(400);
    expect(await post({ user_id: 999999, access_level: 30 })).toMatchObject({ status: 404, json: { message: '404 User Not Found' } });
    expect((await post({ username: 'nobody-here', access_level: 30 })).status).toBe(404);
    const blocked = await createTestUser();
    await setUserState(blocked.id, 'blocked');
    expect(await post({ user_id: blocked.id, access_level: 30 })).toMatchObject({
      status: 400,
      json: { message: '400 Bad request - Blocked users cannot be added' },
    });
    expect((await api(`/projects/${project.id}/members/${user.id}`, { method: 'PUT', token, body: {} })).status).toBe(400);
    expect((await api(`/projects/${project.id}/members/${user.id}`, { method: 'PUT', token, body: { access_level: 30 } })).status).toBe(
      404,
    );
  });

  it('refuses to edit or remove a bot member (403) and to add a bot elsewhere (400)', async () => {
    const { owner, project } = await groupProject();
    const { accessToken } = await createToken(owner, project.id, { expiresAt: undefined, now: undefined });
    const token = await patOf(owner);
    const bot = accessToken.userId;
    const listed = await api(`/projects/${project.id}/members`, { token });
    expect(listed.json.find((member: { id: number }) => member.id === bot)).toMatchObject({ bot: true, access_level: 30 });

    const put = await api(`/projects/${project.id}/members/${bot}`, { method: 'PUT', token, body: { access_level: 40 } });
    expect(put.status).toBe(403);
    expect(put.json.message).toMatch(/^403 Forbidden - Bot users cannot be changed/);
    expect((await api(`/projects/${project.id}/members/${bot}`, { method: 'DELETE', token })).status).toBe(403);

    const { owner: otherOwner, project: other } = await groupProject();
    const added = await api(`/projects/${other.id}/members`, {
      method: 'POST',
      token: await patOf(otherOwner),
      body: { user_id: bot, access_level: 30 },
    });
    expect(added.status).toBe(400);
  });

  it('an inherited member is changed at its group (400 here); the last Owner stays (400)', async () => {
    const { owner, group, project } = await groupProject();
    const token = await patOf(owner);
    const inherited = await groupMember(group.id, AccessLevel.Developer);
    const put = await api(`/projects/${project.id}/members/${inherited.id}`, { method: 'PUT', token, body: { access_level: 40 } });
    expect(put.status).toBe(400);
    expect(put.json.message).toMatch(/member through a parent group/);
    expect((await api(`/projects/${project.id}/members/${inherited.id}`, { method: 'DELETE', token })).status).toBe(400);

    const lastOwner = await api(`/groups/${group.id}/members/${owner.id}`, { method: 'PUT', token, body: { access_level: 40 } });
    expect(lastOwner.status).toBe(400);
    expect(lastOwner.json.message).toMatch(/at least one Owner/);
    expect((await api(`/groups/${group.id}/members/${owner.id}`, { method: 'DELETE', token })).status).toBe(400);
  });

  it('members who may not manage are refused (403); outsiders do not see the project (404)', async () => {
    const { project } = await groupProject();
    const developer = await projectMember(project.id, AccessLevel.Developer);
    const target = await createTestUser();
    const devToken = await patOf(developer);
    expect((await api(`/projects/${project.id}/members`, { token: devToken })).status).toBe(200);
    const add = await api(`/projects/${project.id}/members`, {
      method: 'POST',
      token: devToken,
      body: { user_id: target.id, access_level: 10 },
    });
    expect(add.status).toBe(403);

    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    const owner = await api(`/projects/${project.id}/members`, {
      method: 'POST',
      token: await patOf(maintainer),
      body: { user_id: target.id, access_level: 50 },
    });
    expect(owner.status).toBe(403);

    const outsider = await patOf(await createTestUser());
    expect(await api(`/projects/${project.id}/members`, { token: outsider })).toMatchObject({
      status: 404,
      json: { message: '404 Project Not Found' },
    });
    expect(
      (await api(`/projects/${project.id}/members`, { method: 'POST', token: outsider, body: { user_id: target.id, access_level: 10 } }))
        .status,
    ).toBe(404);
  });
});

describe('REST API: group members', () => {
  it('lists, adds, changes and removes group members; subgroups inherit', async () => {
    const owner = await createTestUser();
    const token = await patOf(owner);
    const group = await createGroup({ actor: owner, name: 'Platform', path: `platform-${uniqueSuffix()}` });
    const subgroup = await createGroup({ actor: owner, name: 'Infra', path: 'infra', parentId: group.id });
    const member = await createTestUser();

    const added = await api(`/groups/${group.id}/members`, {
      method: 'POST',
      token,
      body: { username: member.username, access_level: 30 },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ id: member.id, access_level: 30, bot: false });

    const list = await api(`/groups/${encodeURIComponent(group.fullPath)}/members`, { token });
    expect(list.json.map((row: { id: number }) => row.id).sort()).toEqual([owner.id, member.id].sort());
    // The subgroup creator's own Owner membership is direct there; the added member is inherited.
    expect((await api(`/groups/${subgroup.id}/members`, { token })).json.map((row: { id: number }) => row.id)).toEqual([owner.id]);
    expect((await api(`/groups/${subgroup.id}/members/all/${member.id}`, { token })).json).toMatchObject({ access_level: 30 });
    expect((await api(`/groups/${subgroup.id}/members/${member.id}`, { token })).status).toBe(404);

    expect(
      (await api(`/groups/${group.id}/members/${member.id}`, { method: 'PUT', token, body: { access_level: 40 } })).json,
    ).toMatchObject({
      access_level: 40,
    });
    expect((await api(`/groups/${group.id}/members/${member.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect(await api(`/groups/999999/members`, { token })).toMatchObject({ status: 404, json: { message: '404 Group Not Found' } });
  });
});
