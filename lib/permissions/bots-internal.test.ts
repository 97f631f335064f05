import { beforeEach, describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import type { Actor } from '@/lib/actor';
import { createGroup } from '@/lib/namespaces/groups';
import { createProject } from '@/lib/projects/projects';
import { updateApplicationSettings } from '@/lib/settings/application-settings';
import { authenticateToken } from '@/lib/tokens/authenticate';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { resetInstanceSettings } from '@/tests/settings-factories';
import { createToken, NOW } from '@/tests/token-factories';
import { groupAccess, projectAccess } from './index';

withFreshDatabase();
beforeEach(resetInstanceSettings);

/** A public group with a private, an internal and a public project, and a bot of a fourth (private) project. */
async function setting() {
  const owner = await createTestUser();
  const group = await createGroup({ actor: owner, name: 'Public', path: `pub-${uniqueSuffix()}`, visibility: 'public' });
  const internalGroup = await createGroup({ actor: owner, name: 'Internal', path: `int-${uniqueSuffix()}`, visibility: 'internal' });
  const projects = {
    private: await createProject({ actor: owner, name: 'Private', namespaceId: group.id, visibility: 'private' }),
    internal: await createProject({ actor: owner, name: 'Internal', namespaceId: group.id, visibility: 'internal' }),
    public: await createProject({ actor: owner, name: 'Public', namespaceId: group.id, visibility: 'public' }),
  };
  const home = await createProject({ actor: owner, name: 'Home', namespaceId: group.id, visibility: 'private' });
  const { token } = await createToken(owner, home.id, { accessLevel: AccessLevel.Reporter });
  const result = await authenticateToken(token, { now: NOW });
  if (!result.ok) throw new Error('token did not authenticate');
  return { projects, home, internalGroup, bot: result.user as Actor, human: await createTestUser() };
}

describe('"Project bots can read Internal projects"', () => {
  it('on (the default, as GitLab): a bot sees Internal projects and groups like any signed-in user', async () => {
    const { projects, home, internalGroup, bot, human } = await setting();
    expect((await projectAccess(bot, projects.internal)).canView).toBe(true);
    expect((await groupAccess(bot, { ...internalGroup, traversalIds: [internalGroup.id] })).canView).toBe(true);
    expect((await projectAccess(bot, projects.private)).canView).toBe(false);
    expect((await projectAccess(bot, projects.public)).canView).toBe(true);
    expect(await projectAccess(bot, home)).toEqual({ level: AccessLevel.Reporter, canView: true });
    expect((await projectAccess(human, projects.internal)).canView).toBe(true);
  });

  it('off: a bot reads only its own project and public ones; people are unaffected', async () => {
    const { projects, home, internalGroup, bot, human } = await setting();
    const admin = await createTestUser({ isAdmin: true });
    await updateApplicationSettings({ actor: admin, botsCanReadInternalProjects: false });
    expect(await projectAccess(bot, projects.internal)).toEqual({ level: AccessLevel.NoAccess, canView: false });
    expect((await groupAccess(bot, { ...internalGroup, traversalIds: [internalGroup.id] })).canView).toBe(false);
    expect((await projectAccess(bot, projects.private)).canView).toBe(false);
    expect((await projectAccess(bot, projects.public)).canView).toBe(true);
    expect(await projectAccess(bot, home)).toEqual({ level: AccessLevel.Reporter, canView: true });
    expect((await projectAccess(human, projects.internal)).canView).toBe(true);
    expect((await projectAccess(null, projects.internal)).canView).toBe(false);
  });
});
