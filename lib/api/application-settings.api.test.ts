import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/actor';
import { createPersonalAccessToken } from '@/lib/tokens/personal-access-tokens';
import { api } from '@/tests/api-client';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { resetInstanceSettings } from '@/tests/settings-factories';

withFreshDatabase();
beforeEach(resetInstanceSettings);

async function patOf(user: Actor, scopes: string[] = ['api']) {
  return (await createPersonalAccessToken({ actor: user, name: 'cli', scopes, expiresAt: undefined })).token;
}

describe('REST API: application settings', () => {
  it('GET shows the settings to admins in GitLab field names', async () => {
    const token = await patOf(await createTestUser({ isAdmin: true }));
    const { status, json } = await api('/application/settings', { token });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      id: 1,
      max_personal_access_token_lifetime: null,
      personal_access_token_prefix: 'glpat-',
      signup_enabled: true,
      resource_access_token_creation_default: true,
      bots_can_read_internal_projects: true,
    });
    expect(json.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('PUT changes the given fields and leaves the others', async () => {
    const token = await patOf(await createTestUser({ isAdmin: true }));
    const put = await api('/application/settings', {
      method: 'PUT',
      token,
      body: { max_personal_access_token_lifetime: 90, personal_access_token_prefix: 'acme-', signup_enabled: false },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      max_personal_access_token_lifetime: 90,
      personal_access_token_prefix: 'acme-',
      signup_enabled: false,
      resource_access_token_creation_default: true,
    });
    const keyhold = await api('/application/settings?resource_access_token_creation_default=false&bots_can_read_internal_projects=false', {
      method: 'PUT',
      token,
    });
    expect(keyhold.json).toMatchObject({
      max_personal_access_token_lifetime: 90,
      resource_access_token_creation_default: false,
      bots_can_read_internal_projects: false,
    });
    const cleared = await api('/application/settings', { method: 'PUT', token, body: { max_personal_access_token_lifetime: null } });
    expect(cleared.json.max_personal_access_token_lifetime).toBeNull();
  });

  it('refuses invalid values with 400 JSON and changes nothing', async () => {
    const token = await patOf(await createTestUser({ isAdmin: true }));
    const put = (body: unknown) => api('/application/settings', { method: 'PUT', token, body });
    const tooLong = await put({ max_personal_access_token_lifetime: 401 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toMatch(/^400 Bad request - Maximum allowable lifetime/);
    expect((await put({ max_personal_access_token_lifetime: 'forever' })).status).toBe(400);
    expect((await put({ max_personal_access_token_lifetime: 1.5 })).status).toBe(400);
    expect((await put({ personal_access_token_prefix: 'bad prefix!' })).status).toBe(400);
    expect((await put({ signup_enabled: 'perhaps' })).status).toBe(400);
    expect((await api('/application/settings', { token })).json).toMatchObject({
      max_personal_access_token_lifetime: null,
      personal_access_token_prefix: 'glpat-',
      signup_enabled: true,
    });
  });

  it('non-admins are refused (403), read or write', async () => {
    const token = await patOf(await createTestUser());
    expect(await api('/application/settings', { token })).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });
    expect((await api('/application/settings', { method: 'PUT', token, body: { signup_enabled: false } })).status).toBe(403);
    expect((await api('/application/settings')).status).toBe(401);
  });
});
