import { describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { createPersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { groupMember } from '@/tests/token-factories';

withFreshDatabase();

async function patOf(user: Actor, scopes: string[] = ['api']) {
  return (await createPersonalAccessToken({ actor: user, name: 'cli', scopes, expiresAt: undefined })).token;
}

async function ownerWithGroups() {
  const owner = await createTestUser();
  const token = await patOf(owner);
  const top = await createGroup({ actor: owner, name: 'Acme', path: `acme-${uniqueSuffix()}`, description: 'The company' });
  const sub = await createGroup({ actor: owner, name: 'Platform', path: 'platform', parentId: top.id });
  return { owner, token, top, sub };
}

describe('REST API: groups', () => {
  it('GET /groups/:id by id or URL-encoded full path, in GitLab shape', async () => {
    const { token, top, sub } = await ownerWithGroups();
    const byId = await api(`/groups/${top.id}`, { token });
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual({
      id: top.id,
      name: 'Acme',
      path: top.path,
      full_path: top.fullPath,
      full_name: 'Acme',
      description: 'The company',
      visibility: 'private',
      parent_id: null,
      avatar_url: null,
      web_url: `http://keyhold.test/groups/${top.fullPath}`,
      resource_access_token_creation_allowed: true,
    });
    const byPath = await api(`/groups/${encodeURIComponent(sub.fullPath)}`, { token });
    expect(byPath.json).toMatchObject({
      id: sub.id,
      full_name: 'Acme / Platform',
      parent_id: top.id,
      full_path: `${top.fullPath}/platform`,
    });
    expect(await api('/groups/999999', { token })).toMatchObject({ status: 404, json: { message: '404 Group Not Found' } });
    expect((await api('/groups/no%2Fsuch', { token })).status).toBe(404);
  });

  it('anonymous callers see public groups and their members only', async () => {
    const owner = await createTestUser();
    const open = await createGroup({ actor: owner, name: 'Open', path: `open-${uniqueSuffix()}`, visibility: 'public' });
    expect(await api(`/groups/${open.id}`)).toMatchObject({ status: 200, json: { id: open.id, visibility: 'public' } });
    expect((await api(`/groups/${open.id}`)).json.resource_access_token_creation_allowed).toBeUndefined();
    expect((await api(`/groups/${open.id}/members`)).json.map((member: { id: number }) => member.id)).toEqual([owner.id]);
    const { top } = await ownerWithGroups();
    expect(await api(`/groups/${top.id}`)).toMatchObject({ status: 404, json: { message: '404 Group Not Found' } });
    expect((await api(`/groups/${top.id}/members`)).status).toBe(404);
    expect((await api(`/groups/${open.id}/members`, { method: 'POST', body: { user_id: owner.id, access_level: 10 } })).status).toBe(401);
  });

  it('outsiders get 404 for a private group; members see it without the Owners-only switch', async () => {
    const { top } = await ownerWithGroups();
    const outsider = await patOf(await createTestUser());
    expect(await api(`/groups/${top.id}`, { token: outsider })).toMatchObject({ status: 404, json: { message: '404 Group Not Found' } });
    const developer = await groupMember(top.id, AccessLevel.Developer);
    const seen = await api(`/groups/${top.id}`, { token: await patOf(developer) });
    expect(seen.status).toBe(200);
    expect(seen.json.resource_access_token_creation_allowed).toBeUndefined();
  });

  it('GET /groups lists the caller’s groups with search and pagination', async () => {
    const { token, top, sub } = await ownerWithGroups();
    await ownerWithGroups(); // someone else's groups stay out
    const list = await api('/groups', { token });
    expect(list.status).toBe(200);
    expect(list.json.map((group: { id: number }) => group.id)).toEqual([top.id, sub.id]);
    expect(list.headers.get('x-total')).toBe('2');
    const page = await api('/groups?per_page=1&page=2', { token });
    expect(page.json.map((group: { id: number }) => group.id)).toEqual([sub.id]);
    expect(page.headers.get('x-prev-page')).toBe('1');
    expect((await api('/groups?search=platf', { token })).json.map((group: { id: number }) => group.id)).toEqual([sub.id]);
    expect((await api('/groups?top_level_only=true', { token })).json.map((group: { id: number }) => group.id)).toEqual([top.id]);
    expect((await api('/groups?per_page=0', { token })).status).toBe(400);
    // Admins list every group.
    const admin = await patOf(await createTestUser({ isAdmin: true }));
    const everything = await api('/groups?per_page=100', { token: admin });
    expect(everything.json.map((group: { id: number }) => group.id)).toEqual(expect.arrayContaining([top.id, sub.id]));
    expect(Number(everything.headers.get('x-total'))).toBeGreaterThanOrEqual(4);
  });

  it('GET /groups: anonymous callers list public groups; all_available, owned, min_access_level, skip_groups, order_by and sort', async () => {
    const owner = await createTestUser();
    const ownerToken = await patOf(owner);
    const tag = `lst${uniqueSuffix()}`;
    const open = await createGroup({ actor: owner, name: `B ${tag}`, path: `${tag}-open`, visibility: 'public' });
    const inside = await createGroup({ actor: owner, name: `C ${tag}`, path: `${tag}-inside`, visibility: 'internal' });
    const secret = await createGroup({ actor: owner, name: `A ${tag}`, path: `${tag}-secret`, visibility: 'private' });
    const ids = (response: { json: { id: number }[] }) => response.json.map((group) => group.id);

    expect(ids(await api(`/groups?search=${tag}`))).toEqual([open.id]);

    const reporter = await groupMember(secret.id, AccessLevel.Reporter);
    const reporterToken = await patOf(reporter);
    expect(ids(await api(`/groups?search=${tag}`, { token: reporterToken }))).toEqual([secret.id]);
    expect(ids(await api(`/groups?search=${tag}&all_available=true`, { token: reporterToken }))).toEqual([secret.id, open.id, inside.id]);
    expect(ids(await api(`/groups?search=${tag}&all_available=true&min_access_level=20`, { token: reporterToken }))).toEqual([secret.id]);
    expect(ids(await api(`/groups?search=${tag}&min_access_level=30`, { token: reporterToken }))).toEqual([]);
    expect(ids(await api(`/groups?search=${tag}&owned=true`, { token: reporterToken }))).toEqual([]);

    expect(ids(await api(`/groups?search=${tag}&owned=true&order_by=id&sort=desc`, { token: ownerToken }))).toEqual([
      secret.id,
      inside.id,
      open.id,
    ]);
    expect(ids(await api(`/groups?search=${tag}&order_by=path`, { token: ownerToken }))).toEqual([inside.id, open.id, secret.id]);
    expect(ids(await api(`/groups?search=${tag}&skip_groups[]=${open.id}&skip_groups[]=${secret.id}`, { token: ownerToken }))).toEqual([
      inside.id,
    ]);

    const badOrder = await api('/groups?order_by=stars', { token: ownerToken });
    expect(badOrder.status).toBe(400);
    expect(badOrder.json).toEqual({ error: 'order_by does not have a valid value' });
    expect((await api('/groups?skip_groups[]=x', { token: ownerToken })).json).toEqual({ error: 'skip_groups is invalid' });
  });

  it('POST /groups creates a group and a subgroup (201); bad input is 400, never 500', async () => {
    const user = await createTestUser();
    const token = await patOf(user);
    const path = `new-${uniqueSuffix()}`;
    const created = await api('/groups', { method: 'POST', token, body: { name: 'New', path, visibility: 'internal', description: 'd' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'New', path, full_path: path, visibility: 'internal', description: 'd', parent_id: null });
    const child = await api('/groups', { method: 'POST', token, body: { name: 'Child', path: 'child', parent_id: created.json.id } });
    expect(child.status).toBe(201);
    expect(child.json).toMatchObject({
      full_path: `${path}/child`,
      parent_id: created.json.id,
      resource_access_token_creation_allowed: true,
    });

    expect(await api('/groups', { method: 'POST', token, body: { path: 'x1' } })).toMatchObject({
      status: 400,
      json: { error: 'name is missing' },
    });
    expect(await api('/groups', { method: 'POST', token, body: { name: 'x' } })).toMatchObject({
      status: 400,
      json: { error: 'path is missing' },
    });
    expect((await api('/groups', { method: 'POST', token, body: { name: 'x', path: 'bad path!' } })).status).toBe(400);
    expect(
      (await api('/groups', { method: 'POST', token, body: { name: 'x', path: `v-${uniqueSuffix()}`, visibility: 'secret' } })).status,
    ).toBe(400);
    // A taken path is a conflict (the domain's 'conflict' code).
    expect((await api('/groups', { method: 'POST', token, body: { name: 'Again', path } })).status).toBe(409);
    // The internal parent is visible to any signed-in person, but only its Owners create subgroups there.
    const stranger = await patOf(await createTestUser());
    const intrude = (parentId: number) =>
      api('/groups', { method: 'POST', token: stranger, body: { name: 'Intruder', path: 'intruder', parent_id: parentId } });
    expect((await intrude(created.json.id)).status).toBe(403);
    expect(await intrude(999999)).toMatchObject({ status: 404, json: { message: '404 Parent Group Not Found' } });
  });

  it('PUT /groups/:id changes name, description and the token-creation switch (Owners, top-level only)', async () => {
    const { token, top, sub } = await ownerWithGroups();
    const updated = await api(`/groups/${top.id}`, {
      method: 'PUT',
      token,
      body: { name: 'Acme Inc', description: 'New words', resource_access_token_creation_allowed: false },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ name: 'Acme Inc', description: 'New words', resource_access_token_creation_allowed: false });
    // A subgroup reports its top-level group's value.
    expect((await api(`/groups/${sub.id}`, { token })).json.resource_access_token_creation_allowed).toBe(false);

    const refused = await api(`/groups/${sub.id}`, {
      method: 'PUT',
      token,
      body: { name: 'Renamed', resource_access_token_creation_allowed: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe(`400 Bad request - This setting can only be changed on the top-level group ${top.fullPath}.`);
    // Nothing else changed either.
    expect((await api(`/groups/${sub.id}`, { token })).json.name).toBe('Platform');
    expect((await api(`/groups/${sub.id}`, { method: 'PUT', token, body: { description: 'ok' } })).json.description).toBe('ok');

    expect(
      (await api(`/groups/${top.id}`, { method: 'PUT', token, body: { resource_access_token_creation_allowed: 'maybe' } })).status,
    ).toBe(400);
    expect((await api(`/groups/${top.id}`, { method: 'PUT', token, body: { name: '' } })).status).toBe(400);
  });

  it('PUT /groups/:id moves the path (subgroups and projects along) and keeps visibility between parent and contents', async () => {
    const { owner, token, top, sub } = await ownerWithGroups();
    const project = await createProject({ actor: owner, name: 'Api', path: 'api', namespaceId: sub.id, visibility: 'private' });
    const newPath = `moved-${uniqueSuffix()}`;
    const moved = await api(`/groups/${top.id}`, { method: 'PUT', token, body: { path: newPath } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ path: newPath, full_path: newPath });
    expect((await api(`/groups/${encodeURIComponent(`${newPath}/platform`)}`, { token })).json.id).toBe(sub.id);
    expect((await api(`/projects/${encodeURIComponent(`${newPath}/platform/api`)}`, { token })).json).toMatchObject({
      id: project.id,
      path_with_namespace: `${newPath}/platform/api`,
    });
    // The old paths are free again; a taken path is refused.
    expect((await api(`/groups/${encodeURIComponent(top.fullPath)}`, { token })).status).toBe(404);
    const other = await ownerWithGroups();
    const taken = await api(`/groups/${other.top.id}`, { method: 'PUT', token: other.token, body: { path: newPath } });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.json)).toContain('has already been taken');
    expect((await api(`/groups/${top.id}`, { method: 'PUT', token, body: { path: 'bad path!' } })).status).toBe(400);

    // The subgroup cannot be more open than its private parent; the parent cannot close below its contents.
    const tooOpen = await api(`/groups/${sub.id}`, { method: 'PUT', token, body: { visibility: 'public' } });
    expect(tooOpen.status).toBe(400);
    expect(JSON.stringify(tooOpen.json)).toContain("more open than the parent group's (private)");
    expect((await api(`/groups/${top.id}`, { method: 'PUT', token, body: { visibility: 'public' } })).json.visibility).toBe('public');
    expect((await api(`/groups/${sub.id}`, { method: 'PUT', token, body: { visibility: 'internal' } })).json.visibility).toBe('internal');
    const tooClosed = await api(`/groups/${top.id}`, { method: 'PUT', token, body: { visibility: 'private' } });
    expect(tooClosed.status).toBe(400);
    expect(JSON.stringify(tooClosed.json)).toContain('contains subgroups or projects that are internal');
    expect((await api(`/groups/${top.id}`, { method: 'PUT', token, body: { visibility: 'secret' } })).status).toBe(400);
  });

  it('PUT /groups/:id: a Maintainer is refused (403), an outsider gets 404', async () => {
    const { top } = await ownerWithGroups();
    const maintainer = await groupMember(top.id, AccessLevel.Maintainer);
    const refused = await api(`/groups/${top.id}`, {
      method: 'PUT',
      token: await patOf(maintainer),
      body: { resource_access_token_creation_allowed: false },
    });
    expect(refused).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });
    const outsider = await patOf(await createTestUser());
    expect((await api(`/groups/${top.id}`, { method: 'PUT', token: outsider, body: { name: 'x' } })).status).toBe(404);
  });
});
