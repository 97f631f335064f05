import { and, desc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, instanceSettings, namespaces, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createGroup } from '@/lib/namespaces/groups';
import { authenticateToken } from '@/lib/tokens/authenticate';
import { listTokensOverLimit, revokeTokensOverLimit } from '@/lib/tokens/lifetime-limit';
import { projectTokenFormRules, rotateProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { resetInstanceSettings } from '@/tests/settings-factories';
import { createToken, groupProject, NOW, projectMember, rowCounts } from '@/tests/token-factories';
import { applicationSettingsForAdmin, updateApplicationSettings } from './application-settings';
import { getInstanceSettings } from './instance-settings';

withFreshDatabase();
beforeEach(resetInstanceSettings);

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function settingsRow() {
  const [row] = await (await db()).select().from(instanceSettings).where(eq(instanceSettings.id, 1));
  return row;
}

async function latestEvent(action: string) {
  const [event] = await (
    await db()
  )
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return event;
}

describe('who may read and change the application settings', () => {
  it('only instance admins: anyone else is told it does not exist and nothing changes', async () => {
    const { owner, project } = await groupProject();
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    const before = await settingsRow();
    for (const actor of [null, owner, maintainer]) {
      expect(await failure(applicationSettingsForAdmin(actor))).toEqual({ code: 'not_found', field: undefined });
      expect(
        await failure(updateApplicationSettings({ actor, maxAccessTokenLifetimeDays: 10, tokenPrefix: 'evil-', signupEnabled: false })),
      ).toEqual({ code: 'not_found', field: undefined });
      expect(await failure(listTokensOverLimit({ actor }))).toEqual({ code: 'not_found', field: undefined });
      expect(await failure(revokeTokensOverLimit({ actor }))).toEqual({ code: 'not_found', field: undefined });
    }
    expect(await settingsRow()).toEqual(before);
  });

  it('a project bot is never an admin, whatever its flag says', async () => {
    const { owner, project } = await groupProject();
    const { token } = await createToken(owner, project.id, { accessLevel: AccessLevel.Owner });
    const result = await authenticateToken(token, { now: NOW });
    if (!result.ok) throw new Error('token did not authenticate');
    expect(await failure(updateApplicationSettings({ actor: { ...result.user, isAdmin: true }, signupEnabled: false }))).toEqual({
      code: 'not_found',
      field: undefined,
    });
  });
});

describe('saving the settings', () => {
  it('saves every setting and records one audit event with the old and new values', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const result = await updateApplicationSettings({
      actor: admin,
      maxAccessTokenLifetimeDays: 90,
      tokenPrefix: 'acme_',
      signupEnabled: false,
      projectAccessTokenCreationDefault: false,
      botsCanReadInternalProjects: false,
      ipAddress: '198.51.100.7',
      now: NOW,
    });
    expect(result.changed).toEqual([
      'maxAccessTokenLifetimeDays',
      'tokenPrefix',
      'signupEnabled',
      'projectAccessTokenCreationDefault',
      'botsCanReadInternalProjects',
    ]);
    expect(result.settings).toMatchObject({
      maxAccessTokenLifetimeDays: 90,
      effectiveMaxAccessTokenLifetimeDays: 90,
      tokenPrefix: 'acme_',
      signupEnabled: false,
      projectAccessTokenCreationDefault: false,
      botsCanReadInternalProjects: false,
    });
    expect(await applicationSettingsForAdmin(admin)).toMatchObject(result.settings);
    const event = await latestEvent('application_settings_updated');
    expect(event).toMatchObject({
      authorId: admin.id,
      authorName: admin.username,
      targetType: 'Instance',
      ipAddress: '198.51.100.7',
      details: {
        from: {
          maxAccessTokenLifetimeDays: null,
          tokenPrefix: 'glpat-',
          signupEnabled: true,
          projectAccessTokenCreationDefault: true,
          botsCanReadInternalProjects: true,
        },
        to: {
          maxAccessTokenLifetimeDays: 90,
          tokenPrefix: 'acme_',
          signupEnabled: false,
          projectAccessTokenCreationDefault: false,
          botsCanReadInternalProjects: false,
        },
      },
    });
  });

  it('records only what changed, and nothing when nothing changed', async () => {
    const admin = await createTestUser({ isAdmin: true });
    await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: 30, tokenPrefix: 'glpat-', signupEnabled: true });
    expect((await latestEvent('application_settings_updated'))?.details).toEqual({
      from: { maxAccessTokenLifetimeDays: null },
      to: { maxAccessTokenLifetimeDays: 30 },
    });
    const before = await rowCounts();
    const again = await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: 30, signupEnabled: true });
    expect(again.changed).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    // Empty means the default again.
    await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: null });
    expect((await getInstanceSettings()).maxAccessTokenLifetimeDays).toBeNull();
    expect((await applicationSettingsForAdmin(admin)).effectiveMaxAccessTokenLifetimeDays).toBe(365);
  });

  it.each([
    ['a lifetime of 0', { maxAccessTokenLifetimeDays: 0 }, 'maxAccessTokenLifetimeDays'],
    ['a negative lifetime', { maxAccessTokenLifetimeDays: -5 }, 'maxAccessTokenLifetimeDays'],
    ['a lifetime over 400', { maxAccessTokenLifetimeDays: 401 }, 'maxAccessTokenLifetimeDays'],
    ['a fractional lifetime', { maxAccessTokenLifetimeDays: 2.5 }, 'maxAccessTokenLifetimeDays'],
    ['a prefix with spaces', { tokenPrefix: 'my token-' }, 'tokenPrefix'],
    ['a prefix of 21 characters', { tokenPrefix: 'p'.repeat(21) }, 'tokenPrefix'],
  ])('refuses %s and changes nothing, even alongside valid values', async (_name, bad, field) => {
    const admin = await createTestUser({ isAdmin: true });
    const before = await settingsRow();
    const counts = await rowCounts();
    expect(await failure(updateApplicationSettings({ actor: admin, signupEnabled: false, ...bad }))).toEqual({ code: 'invalid', field });
    expect(await settingsRow()).toEqual(before);
    expect(await rowCounts()).toEqual(counts);
  });
});

describe('the settings take effect', () => {
  it('the maximum lifetime bounds the form, creation and rotation', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const { owner, project } = await groupProject();
    const existing = await createToken(owner, project.id, { expiresAt: '2030-01-15' });
    await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: 10 });

    expect(await projectTokenFormRules({ actor: owner, projectId: project.id, now: NOW })).toMatchObject({
      minExpiresAt: '2030-01-11',
      maxExpiresAt: '2030-01-20',
      defaultExpiresAt: '2030-01-20',
    });
    expect(await failure(createToken(owner, project.id, { expiresAt: '2030-01-21' }))).toEqual({ code: 'invalid', field: 'expiresAt' });
    await expect(createToken(owner, project.id, { expiresAt: '2030-01-21' })).rejects.toThrow('Expires at must be before 2030-01-20');
    expect((await createToken(owner, project.id, { expiresAt: '2030-01-20' })).accessToken.expiresAt).toBe('2030-01-20');
    // The API leaves the date out: it gets the latest allowed.
    expect((await createToken(owner, project.id, { expiresAt: undefined })).accessToken.expiresAt).toBe('2030-01-20');
    const rotated = await rotateProjectAccessToken({
      actor: owner,
      projectId: project.id,
      tokenId: existing.accessToken.id,
      now: NOW,
      expiresAt: '2030-01-25',
    }).catch((error: unknown) => error);
    expect(rotated).toMatchObject({ code: 'invalid', field: 'expiresAt' });
  });

  it('a new prefix is used by new tokens; tokens made with the old one keep working', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const { owner, project } = await groupProject();
    const old = await createToken(owner, project.id);
    expect(old.token.startsWith('glpat-')).toBe(true);
    await updateApplicationSettings({ actor: admin, tokenPrefix: 'acme-ci_' });
    const fresh = await createToken(owner, project.id, { name: 'fresh' });
    expect(fresh.token).toMatch(/^acme-ci_[0-9A-Za-z]{38}$/);
    const rotated = await rotateProjectAccessToken({ actor: owner, projectId: project.id, tokenId: old.accessToken.id, now: NOW });
    expect(rotated.token.startsWith('acme-ci_')).toBe(true);
    expect((await authenticateToken(fresh.token, { now: NOW })).ok).toBe(true);
    expect((await authenticateToken(rotated.token, { now: NOW })).ok).toBe(true);

    const untouched = await createToken(owner, project.id, { name: 'made before the second change' });
    await updateApplicationSettings({ actor: admin, tokenPrefix: '' });
    expect((await getInstanceSettings()).tokenPrefix).toBe('glpat-');
    expect((await authenticateToken(untouched.token, { now: NOW })).ok).toBe(true);
  });

  it('new top-level groups take the creation switch from the instance default; subgroups have none of their own', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const owner = await createTestUser();
    const allowedRow = async (id: number) =>
      (
        await (await db()).select({ allowed: namespaces.resourceAccessTokenCreationAllowed }).from(namespaces).where(eq(namespaces.id, id))
      )[0]?.allowed;
    const before = await createGroup({ actor: owner, name: 'Before', path: `before-${uniqueSuffix()}` });
    await updateApplicationSettings({ actor: admin, projectAccessTokenCreationDefault: false });
    const after = await createGroup({ actor: owner, name: 'After', path: `after-${uniqueSuffix()}` });
    expect(await allowedRow(before.id)).toBe(true);
    expect(await allowedRow(after.id)).toBe(false);
  });
});

describe('tokens that outlive a lowered maximum lifetime', () => {
  it('keep working, are listed for the admin, and are revoked in one go with their bots', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const { owner, project } = await groupProject();
    const short = await createToken(owner, project.id, { name: 'short', expiresAt: '2030-01-15' });
    const long = await createToken(owner, project.id, { name: 'long', expiresAt: '2030-06-01' });
    const longer = await createToken(owner, project.id, { name: 'longer', expiresAt: '2030-12-01' });

    const result = await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: 10, now: NOW });
    expect(result.tokensOverLimit).toBeGreaterThanOrEqual(2);
    // Nothing stops working by itself.
    for (const token of [short, long, longer]) expect((await authenticateToken(token.token, { now: NOW })).ok).toBe(true);

    const listed = await listTokensOverLimit({ actor: admin, now: NOW });
    expect(listed.maxExpiresAt).toBe('2030-01-20');
    expect(listed.maxLifetimeDays).toBe(10);
    const ours = listed.tokens.filter((token) => token.projectId === project.id);
    expect(ours.map((token) => token.name).sort()).toEqual(['long', 'longer']);
    expect(ours[0]).toMatchObject({ kind: 'project', projectFullPath: project.fullPath });

    const { revoked } = await revokeTokensOverLimit({ actor: admin, now: NOW, ipAddress: '203.0.113.9' });
    expect(revoked).toBe(listed.tokens.length);
    expect(await authenticateToken(long.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });
    expect(await authenticateToken(longer.token, { now: NOW })).toEqual({ ok: false, reason: 'revoked' });
    expect((await authenticateToken(short.token, { now: NOW })).ok).toBe(true);
    const bots = await (
      await db()
    )
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.botProjectId, project.id)));
    expect(bots.map((bot) => bot.id)).toEqual([short.accessToken.userId]);
    const events = await (
      await db()
    )
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'project_access_token_revoked'), eq(auditEvents.targetId, project.id)));
    expect(events.map((event) => event.details.tokenName).sort()).toEqual(['long', 'longer']);
    expect(events[0]).toMatchObject({ authorId: admin.id, ipAddress: '203.0.113.9', details: { reason: 'exceeds maximum lifetime' } });

    expect((await listTokensOverLimit({ actor: admin, now: NOW })).tokens).toEqual([]);
    expect(await revokeTokensOverLimit({ actor: admin, now: NOW })).toEqual({ revoked: 0 });
  });
});
