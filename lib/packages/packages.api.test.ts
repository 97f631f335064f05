import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { handleApiRequest } from '@/lib/api/api';
import { createPersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { setPackageSettings, storedFiles, withPackageStorage } from '@/tests/package-factories';
import { groupProject, projectMember } from '@/tests/token-factories';

withFreshDatabase();
withPackageStorage();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let owner: Actor;
let projectId = 0;
let projectPath = '';
let ownerToken = '';
let developerToken = '';

async function tokenFor(actor: Actor) {
  return (await createPersonalAccessToken({ actor, name: 'registry', scopes: ['api'], expiresAt: undefined })).token;
}

beforeAll(async () => {
  const world = await groupProject();
  owner = world.owner;
  projectId = world.project.id;
  projectPath = world.project.fullPath;
  ownerToken = await tokenFor(owner);
  developerToken = await tokenFor(await projectMember(projectId, AccessLevel.Developer));
});

beforeEach(async () => {
  await setPackageSettings();
});

const generic = (name: string, version: string, file: string, query = '') =>
  `/projects/${projectId}/packages/generic/${name}/${version}/${file}${query}`;
const upload = (path: string, body: string, token = developerToken) => api(path, { method: 'PUT', token, body });

describe('PUT /projects/:id/packages/generic/:package_name/:package_version/:file_name', () => {
  it('answers 201 Created, or 200 with the file record for select=package_file', async () => {
    expect(await upload(generic('app', '1.0.0', 'app.txt'), 'one')).toMatchObject({ status: 201, json: { message: '201 Created' } });
    const selected = await upload(generic('app', '1.0.0', 'app.json', '?select=package_file&status=default'), '{"two":2}');
    expect(selected.status).toBe(200);
    expect(selected.json).toEqual({
      id: expect.any(Number),
      package_id: expect.any(Number),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      size: 9,
      file_store: 1,
      file_md5: null,
      file_sha1: null,
      file_name: 'app.json',
      file: { url: `/api/v4${generic('app', '1.0.0', 'app.json')}` },
      file_sha256: sha256('{"two":2}'),
    });
    // The project may be named by its path too; status=hidden is accepted.
    const byPath = await api(`/projects/${encodeURIComponent(projectPath)}/packages/generic/app/1.0.1/app.txt?status=hidden`, {
      method: 'PUT',
      token: developerToken,
      body: 'three',
    });
    expect(byPath.status).toBe(201);
  });

  it('refuses bad parameters as Grape does, every problem named', async () => {
    expect(await upload(generic('a%20b', '1..0', 'f%3F'), 'x')).toMatchObject({
      status: 400,
      json: { error: 'package_name is invalid, package_version is invalid, file_name is invalid' },
    });
    expect(await upload(generic('app', '1.0.0', 'f', '?select=everything'), 'x')).toMatchObject({
      status: 400,
      json: { error: 'select does not have a valid value' },
    });
    expect(await upload(generic('app', '1.0.0', 'f', '?status=processing'), 'x')).toMatchObject({
      status: 400,
      json: { error: 'status does not have a valid value' },
    });
    expect(await upload(`/projects/999999/packages/generic/app/1.0.0/f`, 'x')).toMatchObject({
      status: 404,
      json: { message: '404 Project Not Found' },
    });
  });

  it('refuses a Content-Length that does not match the body', async () => {
    const response = await handleApiRequest(
      new Request(`http://keyhold.test/api/v4${generic('lengths', '1.0.0', 'f.txt')}`, {
        method: 'PUT',
        headers: { 'private-token': developerToken, 'content-length': '99' },
        body: 'short',
      }),
      '203.0.113.7',
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: '400 Bad request - Content-Length is 99 but 5 bytes arrived' });
  });
});

describe('GET /projects/:id/packages/generic/…', () => {
  it('downloads the newest file of that name with its checksum header', async () => {
    await upload(generic('dl', '2.0.0', 'tool.sh'), 'echo old');
    await upload(generic('dl', '2.0.0', 'tool.sh'), 'echo new');
    const response = await handleApiRequest(
      new Request(`http://keyhold.test/api/v4${generic('dl', '2.0.0', 'tool.sh')}`, { headers: { 'private-token': ownerToken } }),
      null,
    );
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="tool.sh"; filename*=UTF-8''tool.sh`,
      'content-length': '8',
      'x-checksum-sha256': sha256('echo new'),
    });
    expect(await response.text()).toBe('echo new');

    const head = await handleApiRequest(
      new Request(`http://keyhold.test/api/v4${generic('dl', '2.0.0', 'tool.sh')}`, {
        method: 'HEAD',
        headers: { 'private-token': ownerToken },
      }),
      null,
    );
    expect(head.status).toBe(200);
    expect(head.headers.get('x-checksum-sha256')).toBe(sha256('echo new'));
    expect(await head.text()).toBe('');
  });

  it("answers 404 Not found for a file, version or package that isn't there", async () => {
    await upload(generic('dl', '2.0.0', 'tool.sh'), 'echo');
    for (const path of [generic('dl', '2.0.0', 'other.sh'), generic('dl', '9.9.9', 'tool.sh'), generic('nope', '2.0.0', 'tool.sh')]) {
      expect(await api(path, { token: ownerToken })).toMatchObject({ status: 404, json: { message: '404 Not found' } });
    }
  });
});

describe('the packages API', () => {
  it('lists packages as GitLab does: fields, filters, order, pages', async () => {
    await upload(generic('list-b', '1.0.0', 'f'), 'b');
    await upload(generic('list-a', '1.0.0', 'f'), 'a');
    await upload(generic('list-a', '2.0.0', 'f'), 'a2');
    const all = await api(`/projects/${projectId}/packages?package_name=list-&per_page=2`, { token: ownerToken });
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total')).toBe('3');
    expect(all.headers.get('x-total-pages')).toBe('2');
    expect(all.json).toHaveLength(2);
    expect(all.json[0]).toEqual({
      id: expect.any(Number),
      name: 'list-b',
      version: '1.0.0',
      package_type: 'generic',
      status: 'default',
      _links: {
        web_path: `/${projectPath}/-/packages/${all.json[0].id}`,
        delete_api_path: `http://keyhold.test/api/v4/projects/${projectId}/packages/${all.json[0].id}`,
      },
      created_at: expect.any(String),
      last_downloaded_at: null,
      tags: [],
    });
    const byName = await api(`/projects/${projectId}/packages?package_name=list-&order_by=name&sort=desc`, { token: ownerToken });
    expect(byName.json.map((pkg: { name: string; version: string }) => `${pkg.name}@${pkg.version}`)).toEqual([
      'list-b@1.0.0',
      'list-a@2.0.0',
      'list-a@1.0.0',
    ]);
    const version = await api(`/projects/${projectId}/packages?package_name=list-a&package_version=2.0.0`, { token: ownerToken });
    expect(version.json.map((pkg: { version: string }) => pkg.version)).toEqual(['2.0.0']);
    expect((await api(`/projects/${projectId}/packages?package_type=npm`, { token: ownerToken })).json).toEqual([]);
    expect((await api(`/projects/${projectId}/packages?status=hidden&package_name=list-`, { token: ownerToken })).json).toEqual([]);
    // A hidden version is left out of the listing, found with status=hidden, and still downloads.
    const hiddenUpload = await api(`/projects/${projectId}/packages/generic/list-c/1.0.0/c.txt?status=hidden`, {
      method: 'PUT',
      token: ownerToken,
      body: 'hidden',
    });
    expect(hiddenUpload.status).toBe(201);
    expect((await api(`/projects/${projectId}/packages?package_name=list-c`, { token: ownerToken })).json).toEqual([]);
    const hidden = await api(`/projects/${projectId}/packages?status=hidden&package_name=list-`, { token: ownerToken });
    expect(hidden.json).toMatchObject([{ name: 'list-c', version: '1.0.0', status: 'hidden' }]);
    expect((await api(`/projects/${projectId}/packages/generic/list-c/1.0.0/c.txt`, { token: ownerToken })).status).toBe(200);
    expect((await api(`/projects/${projectId}/packages?status=secret`, { token: ownerToken })).json).toEqual({
      error: 'status does not have a valid value',
    });
    expect(await api(`/projects/${projectId}/packages?package_type=zip`, { token: ownerToken })).toMatchObject({
      status: 400,
      json: { error: 'package_type does not have a valid value' },
    });
    expect(await api(`/projects/${projectId}/packages?order_by=size`, { token: ownerToken })).toMatchObject({
      status: 400,
      json: { error: 'order_by does not have a valid value' },
    });
    // Only those who may delete see delete_api_path.
    const developerView = await api(`/projects/${projectId}/packages?package_name=list-b`, { token: developerToken });
    expect(developerView.json[0]._links).toEqual({ web_path: `/${projectPath}/-/packages/${developerView.json[0].id}` });
  });

  it('shows one package with its other versions, and its files with checksums', async () => {
    await upload(generic('single', '1.0.0', 'a.txt'), 'A');
    await upload(generic('single', '1.0.0', 'b.txt'), 'B');
    await upload(generic('single', '1.1.0', 'a.txt'), 'A2');
    const [first] = (await api(`/projects/${projectId}/packages?package_name=single&package_version=1.0.0`, { token: ownerToken })).json;
    const one = await api(`/projects/${projectId}/packages/${first.id}`, { token: developerToken });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: first.id, name: 'single', version: '1.0.0', package_type: 'generic' });
    expect(one.json.versions).toEqual([{ id: expect.any(Number), version: '1.1.0', created_at: expect.any(String), tags: [] }]);
    const files = await api(`/projects/${projectId}/packages/${first.id}/package_files`, { token: developerToken });
    expect(files.json).toEqual([
      {
        id: expect.any(Number),
        package_id: first.id,
        created_at: expect.any(String),
        file_name: 'a.txt',
        size: 1,
        file_md5: null,
        file_sha1: null,
        file_sha256: sha256('A'),
        pipelines: [],
      },
      expect.objectContaining({ file_name: 'b.txt', file_sha256: sha256('B') }),
    ]);
    expect(await api(`/projects/${projectId}/packages/999999`, { token: ownerToken })).toMatchObject({
      status: 404,
      json: { message: '404 Package Not Found' },
    });
    expect(await api(`/projects/${projectId}/packages/999999/package_files`, { token: ownerToken })).toMatchObject({
      status: 404,
      json: { message: '404 Package Not Found' },
    });
    expect(await api(`/projects/${projectId}/packages/abc`, { token: ownerToken })).toMatchObject({
      status: 400,
      json: { error: 'package_id is invalid' },
    });
  });

  it('deletes a package (Maintainer+) with its files and their blobs', async () => {
    await upload(generic('doomed', '1.0.0', 'd.txt'), 'doomed bytes');
    const [pkg] = (await api(`/projects/${projectId}/packages?package_name=doomed`, { token: ownerToken })).json;
    const blob = `${sha256('doomed bytes').slice(0, 2)}/${sha256('doomed bytes')}`;
    expect(await storedFiles()).toContain(blob);
    expect(await api(`/projects/${projectId}/packages/${pkg.id}`, { method: 'DELETE', token: developerToken })).toMatchObject({
      status: 403,
      json: { message: '403 Forbidden' },
    });
    expect((await api(`/projects/${projectId}/packages/${pkg.id}`, { method: 'DELETE', token: ownerToken })).status).toBe(204);
    expect(await storedFiles()).not.toContain(blob);
    expect((await api(`/projects/${projectId}/packages/${pkg.id}`, { method: 'DELETE', token: ownerToken })).status).toBe(404);
    expect((await api(generic('doomed', '1.0.0', 'd.txt'), { token: ownerToken })).status).toBe(404);
  });
});

describe('package settings in /application/settings', () => {
  it('shows and changes the size limit and duplicates switch, which uploads then obey', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const adminToken = await tokenFor(admin);
    const before = await api('/application/settings', { token: adminToken });
    expect(before.json).toMatchObject({ generic_packages_max_file_size: 5368709120, generic_duplicates_allowed: true });
    const changed = await api('/application/settings', {
      method: 'PUT',
      token: adminToken,
      body: { generic_packages_max_file_size: 4, generic_duplicates_allowed: false },
    });
    expect(changed.json).toMatchObject({ generic_packages_max_file_size: 4, generic_duplicates_allowed: false });
    expect(await upload(generic('limits', '1.0.0', 'f'), '12345')).toMatchObject({
      status: 400,
      json: { message: '400 Bad request - File is too large' },
    });
    expect((await upload(generic('limits', '1.0.0', 'f'), '1234')).status).toBe(201);
    expect(await upload(generic('limits', '1.0.0', 'f'), '1234')).toMatchObject({
      status: 400,
      json: { message: '400 Bad request - Duplicate package is not allowed' },
    });
    expect(
      await api('/application/settings', { method: 'PUT', token: adminToken, body: { generic_packages_max_file_size: 0 } }),
    ).toMatchObject({ status: 400 });
  });
});
