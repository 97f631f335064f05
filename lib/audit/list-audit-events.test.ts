import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { createProject } from '@/lib/projects/projects';
import { updateApplicationSettings } from '@/lib/settings/application-settings';
import { createTestUser } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { createToken, groupProject } from '@/tests/token-factories';
import { listAuditEvents } from './list-audit-events';

withFreshDatabase();

describe('Admin > Audit events', () => {
  it('filters by actor, action and project, newest first, paginated', async () => {
    const admin = await createTestUser({ isAdmin: true });
    const { owner, group, project } = await groupProject();
    const other = await createProject({ actor: owner, name: 'Other', path: 'other', namespaceId: group.id });
    await createToken(owner, project.id, { name: 'first' });
    await createToken(owner, project.id, { name: 'second' });
    await createToken(owner, other.id, { name: 'elsewhere' });
    await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: 200 });
    await updateApplicationSettings({ actor: admin, maxAccessTokenLifetimeDays: null });

    const settings = await listAuditEvents({ actor: admin, action: 'application_settings_updated' });
    expect(settings.total).toBe(2);
    expect(settings.events.map((event) => event.details)).toEqual([
      { from: { maxAccessTokenLifetimeDays: 200 }, to: { maxAccessTokenLifetimeDays: null } },
      { from: { maxAccessTokenLifetimeDays: null }, to: { maxAccessTokenLifetimeDays: 200 } },
    ]);
    expect(settings.events[0]).toMatchObject({ authorName: admin.username, targetType: 'Instance' });
    expect(settings.actions).toEqual(expect.arrayContaining(['application_settings_updated', 'project_access_token_created']));

    const byOwner = await listAuditEvents({ actor: admin, authorUsername: owner.username.toUpperCase() });
    expect(byOwner.events.every((event) => event.authorName === owner.username)).toBe(true);
    expect(byOwner.events.map((event) => event.action)).toContain('group_created');

    const ofProject = await listAuditEvents({ actor: admin, projectFullPath: project.fullPath, action: 'project_access_token_created' });
    expect(ofProject.events.map((event) => event.details.tokenName)).toEqual(['second', 'first']);
    const ofProjectAll = await listAuditEvents({ actor: admin, projectFullPath: `/${project.fullPath}/` });
    expect(ofProjectAll.events.every((event) => event.targetType === 'Project' && event.targetId === project.id)).toBe(true);
    expect((await listAuditEvents({ actor: admin, projectFullPath: 'no/such/project' })).total).toBe(0);

    const page1 = await listAuditEvents({ actor: admin, authorUsername: owner.username, perPage: 2 });
    const page2 = await listAuditEvents({ actor: admin, authorUsername: owner.username, perPage: 2, page: 2 });
    expect(page1.totalPages).toBe(Math.ceil(byOwner.total / 2));
    expect(page1.events[0]!.id).toBeGreaterThan(page2.events[0]!.id);
    expect(page1.events.map((event) => event.id)).not.toContain(page2.events[0]!.id);
  });

  it('is for instance admins only', async () => {
    const { owner } = await groupProject();
    for (const actor of [null, owner]) {
      const error = await listAuditEvents({ actor }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'not_found' });
    }
  });
});
