import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { instanceSettings } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { listProjectAccessTokens, projectTokenFormRules, revokeProjectAccessToken } from './project-access-tokens';
import { createToken, groupProject, NOW, projectMember } from '@/tests/token-factories';

withFreshDatabase();

const day = 86_400_000;
const ids = (tokens: { id: number }[]) => tokens.map((token) => token.id);

describe("listing a project's tokens", () => {
  it('active: usable tokens, newest first; inactive: revoked or expired within 30 days, latest first', async () => {
    const { owner, project } = await groupProject();
    const list = (state: 'active' | 'inactive' | undefined, now = NOW) =>
      listProjectAccessTokens({ actor: owner, projectId: project.id, state, now });

    const a = (await createToken(owner, project.id, { name: 'a', expiresAt: '2030-01-12' })).accessToken;
    const b = (await createToken(owner, project.id, { name: 'b', expiresAt: '2030-03-01' })).accessToken;
    const c = (await createToken(owner, project.id, { name: 'c', expiresAt: '2030-03-01' })).accessToken;
    const d = (await createToken(owner, project.id, { name: 'd', expiresAt: '2030-03-01' })).accessToken;
    expect(ids(await list('active'))).toEqual([d.id, c.id, b.id, a.id]);
    expect(await list('inactive')).toEqual([]);

    // b revoked on the 11th; a expires at 00:00 on the 12th.
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: b.id, now: new Date('2030-01-11T08:00:00Z') });
    const on15th = new Date('2030-01-15T00:00:00Z');
    expect(ids(await list('active', on15th))).toEqual([d.id, c.id]);
    const inactive = await list('inactive', on15th);
    expect(ids(inactive)).toEqual([a.id, b.id]);
    expect(inactive[0]).toMatchObject({ active: false, revoked: false, expiresAt: '2030-01-12' });
    expect(inactive[1]).toMatchObject({ active: false, revoked: true, revokedAt: new Date('2030-01-11T08:00:00Z'), userId: null });

    // The expiry boundary shows in the lists too.
    expect(ids(await list('active', new Date('2030-01-11T23:59:59.999Z')))).toContain(a.id);
    expect(ids(await list('inactive', new Date('2030-01-12T00:00:00Z')))).toContain(a.id);

    // 30 days after they stopped working they drop off the inactive list (but stay in the full list).
    expect(ids(await list('inactive', new Date(Date.parse('2030-01-11T08:00:00Z') + 30 * day)))).toEqual([a.id, b.id]);
    expect(ids(await list('inactive', new Date(Date.parse('2030-01-11T08:00:00Z') + 30 * day + 1)))).toEqual([a.id]);
    expect(ids(await list('inactive', new Date(Date.parse('2030-01-12T00:00:00Z') + 30 * day + 1)))).toEqual([]);
    expect(ids(await list(undefined, on15th))).toEqual([d.id, c.id, b.id, a.id]);
  });

  it('gives explicit fields only, never the digest', async () => {
    const { owner, project } = await groupProject();
    await createToken(owner, project.id);
    const [token] = await listProjectAccessTokens({ actor: owner, projectId: project.id, state: 'active', now: NOW });
    expect(Object.keys(token ?? {}).sort()).toEqual(
      [
        'accessLevel',
        'active',
        'createdAt',
        'description',
        'expiresAt',
        'id',
        'lastUsedAt',
        'lastUsedIps',
        'name',
        'projectId',
        'revoked',
        'revokedAt',
        'scopes',
        'userId',
      ].sort(),
    );
  });

  it('is for Maintainers and above; everyone else gets "not found"', async () => {
    const { owner, project } = await groupProject();
    await createToken(owner, project.id);
    for (const actor of [await projectMember(project.id, AccessLevel.Developer), await createTestUser()]) {
      await expect(listProjectAccessTokens({ actor, projectId: project.id, now: NOW })).rejects.toMatchObject({
        code: 'not_found',
        message: 'Project not found',
      });
    }
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    expect(await listProjectAccessTokens({ actor: maintainer, projectId: project.id, state: 'active', now: NOW })).toHaveLength(1);
    await expect(listProjectAccessTokens({ actor: owner, projectId: 987_654, now: NOW })).rejects.toBeInstanceOf(AppError);
  });
});

describe('form rules', () => {
  it('offer the roles the actor may give and the allowed expiry dates', async () => {
    const { owner, project } = await groupProject();
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    expect(await projectTokenFormRules({ actor: maintainer, projectId: project.id, now: NOW })).toEqual({
      creationAllowed: true,
      disabledReason: null,
      assignableAccessLevels: [10, 20, 30, 40],
      minExpiresAt: '2030-01-11',
      maxExpiresAt: '2031-01-10',
      defaultExpiresAt: '2030-02-09',
    });
    expect((await projectTokenFormRules({ actor: owner, projectId: project.id, now: NOW })).assignableAccessLevels).toEqual([
      10, 20, 30, 40, 50,
    ]);
    const developer = await projectMember(project.id, AccessLevel.Developer);
    await expect(projectTokenFormRules({ actor: developer, projectId: project.id, now: NOW })).rejects.toMatchObject({ code: 'not_found' });
  });

  it("follow the instance's maximum lifetime, capping the default", async () => {
    const { owner, project } = await groupProject();
    const database = await db();
    await database.execute(sql`insert into instance_settings (id) values (1) on conflict do nothing`);
    await database.update(instanceSettings).set({ maxAccessTokenLifetimeDays: 10 }).where(eq(instanceSettings.id, 1));
    try {
      expect(await projectTokenFormRules({ actor: owner, projectId: project.id, now: NOW })).toMatchObject({
        maxExpiresAt: '2030-01-20',
        defaultExpiresAt: '2030-01-20',
      });
      await expect(createToken(owner, project.id, { expiresAt: '2030-01-21' })).rejects.toMatchObject({
        field: 'expiresAt',
        message: 'Expires at must be before 2030-01-20',
      });
      expect((await createToken(owner, project.id, { expiresAt: undefined })).accessToken.expiresAt).toBe('2030-01-20');
    } finally {
      await database.update(instanceSettings).set({ maxAccessTokenLifetimeDays: null }).where(eq(instanceSettings.id, 1));
    }
  });
});
