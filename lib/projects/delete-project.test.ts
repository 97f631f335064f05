import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessTokens, auditEvents, projects, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { authenticateToken } from '@/lib/tokens/authenticate';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { groupProject, projectMember } from '@/tests/token-factories';
import { resolveFullPath } from '@/lib/namespaces/resolve';
import { createProject } from './projects';
import { deleteProject } from './delete-project';

withFreshDatabase();

describe('deleting a project', () => {
  it('takes its tokens and bots with it; the token never authenticates again, even on a new project at the same path', async () => {
    const { owner, group, project } = await groupProject();
    const { token, accessToken } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: 'ci',
      scopes: ['api'],
      accessLevel: AccessLevel.Developer,
      expiresAt: undefined,
    });
    const auditBefore = (await (await db()).select({ value: count() }).from(auditEvents))[0]!.value;
    await deleteProject({ actor: owner, projectId: project.id });

    expect(await authenticateToken(token)).toEqual({ ok: false, reason: 'unknown' });
    expect(await (await db()).select().from(users).where(eq(users.id, accessToken.userId!))).toEqual([]);
    expect(await (await db()).select().from(accessTokens).where(eq(accessTokens.projectId, project.id))).toEqual([]);
    expect(await resolveFullPath(owner, project.fullPath)).toBeNull();
    // Nothing of the history is lost: the deletion adds one event.
    expect((await (await db()).select({ value: count() }).from(auditEvents))[0]!.value).toBe(auditBefore + 1);

    const again = await createProject({ actor: owner, name: 'API', path: 'api', namespaceId: group.id });
    expect(again.fullPath).toBe(project.fullPath);
    expect(await authenticateToken(token)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('is for Owners only; a Maintainer is refused and a stranger is told it does not exist', async () => {
    const { project } = await groupProject();
    const maintainer = await projectMember(project.id, AccessLevel.Maintainer);
    expect(await deleteProject({ actor: maintainer, projectId: project.id }).catch((error: AppError) => error.code)).toBe('forbidden');
    const { owner: stranger } = await groupProject();
    expect(await deleteProject({ actor: stranger, projectId: project.id }).catch((error: AppError) => error.code)).toBe('not_found');
    expect(await (await db()).select({ id: projects.id }).from(projects).where(eq(projects.id, project.id))).toEqual([{ id: project.id }]);
  });
});
