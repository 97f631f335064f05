import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, namespaces, projects, routes } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createGroup } from '@/lib/namespaces/groups';
import { resolveFullPath } from '@/lib/namespaces/resolve';
import { groupMembers } from '@/db/schema';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { createProject, listMemberProjects, personalNamespaceOf } from './projects';

withFreshDatabase();

async function rowCounts() {
  const database = await db();
  const [[n], [p], [r], [a]] = await Promise.all([
    database.select({ value: count() }).from(namespaces),
    database.select({ value: count() }).from(projects),
    database.select({ value: count() }).from(routes),
    database.select({ value: count() }).from(auditEvents),
  ]);
  return { namespaces: n?.value, projects: p?.value, routes: r?.value, audit: a?.value };
}

async function expectRefusedWithNothingWritten(attempt: () => Promise<unknown>, code: AppError['code'], message: RegExp) {
  const before = await rowCounts();
  const error = await attempt().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  expect(await rowCounts()).toEqual(before);
}

describe('creating groups and projects', () => {
  it('creates a group tree and a project whose full path resolves', async () => {
    const owner = await createTestUser();
    const top = await createGroup({ actor: owner, name: 'Acme', path: `acme-${uniqueSuffix()}` });
    const sub = await createGroup({ actor: owner, name: 'Platform', path: 'platform', parentId: top.id });
    const project = await createProject({ actor: owner, name: 'API', path: 'api', namespaceId: sub.id });
    expect(project.fullPath).toBe(`${top.fullPath}/platform/api`);
    const resolved = await resolveFullPath(owner, project.fullPath.toUpperCase());
    expect(resolved?.kind).toBe('project');
    expect(await listMemberProjects(owner)).toEqual([expect.objectContaining({ id: project.id })]);
  });

  it('refuses a duplicate path, case-insensitively, across groups and users', async () => {
    const owner = await createTestUser();
    const path = `dup-${uniqueSuffix()}`;
    await createGroup({ actor: owner, name: 'One', path });
    await expectRefusedWithNothingWritten(
      () => createGroup({ actor: owner, name: 'Two', path: path.toUpperCase() }),
      'conflict',
      /already been taken/,
    );
    await expectRefusedWithNothingWritten(
      () => createGroup({ actor: owner, name: 'User clash', path: owner.username }),
      'conflict',
      /already been taken/,
    );
  });

  it('refuses a project path taken by a subgroup at the same place', async () => {
    const owner = await createTestUser();
    const top = await createGroup({ actor: owner, name: 'Top', path: `top-${uniqueSuffix()}` });
    await createGroup({ actor: owner, name: 'Shared', path: 'shared', parentId: top.id });
    await expectRefusedWithNothingWritten(
      () => createProject({ actor: owner, name: 'Shared', path: 'shared', namespaceId: top.id }),
      'conflict',
      /already been taken/,
    );
  });

  it.each([
    ['reserved', 'admin', /reserved/],
    ['bad characters', 'a b', /can contain only/],
    ['leading punctuation', '_x', /must start and end/],
    ['over-long', 'x'.repeat(256), /too long/],
  ])('refuses a %s group path', async (_case, path, message) => {
    const owner = await createTestUser();
    await expectRefusedWithNothingWritten(() => createGroup({ actor: owner, name: 'Name', path }), 'invalid', message);
  });

  it('refuses an over-long name', async () => {
    const owner = await createTestUser();
    await expectRefusedWithNothingWritten(
      () => createGroup({ actor: owner, name: 'n'.repeat(256), path: `ok-${uniqueSuffix()}` }),
      'invalid',
      /too long/,
    );
  });

  it('only Owners of the parent may create subgroups; Maintainers may create projects', async () => {
    const owner = await createTestUser();
    const maintainer = await createTestUser();
    const top = await createGroup({ actor: owner, name: 'Top', path: `top-${uniqueSuffix()}` });
    await (await db()).insert(groupMembers).values({ groupId: top.id, userId: maintainer.id, accessLevel: AccessLevel.Maintainer });
    await expectRefusedWithNothingWritten(
      () => createGroup({ actor: maintainer, name: 'Sub', path: 'sub', parentId: top.id }),
      'forbidden',
      /not allowed to create subgroups/,
    );
    await expect(createProject({ actor: maintainer, name: 'Service', namespaceId: top.id })).resolves.toMatchObject({ path: 'service' });
  });

  it('a stranger cannot learn that a private parent group exists', async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const top = await createGroup({ actor: owner, name: 'Top', path: `top-${uniqueSuffix()}` });
    await expectRefusedWithNothingWritten(
      () => createGroup({ actor: stranger, name: 'Sub', path: 'sub', parentId: top.id }),
      'not_found',
      /not found/,
    );
    await expectRefusedWithNothingWritten(
      () => createProject({ actor: stranger, name: 'P', namespaceId: top.id }),
      'not_found',
      /not found/,
    );
  });

  it("refuses a project in someone else's personal namespace, and one more open than its group", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const theirs = await personalNamespaceOf(other);
    await expectRefusedWithNothingWritten(
      () => createProject({ actor: owner, name: 'P', namespaceId: theirs!.id }),
      'forbidden',
      /own personal namespace/,
    );
    const group = await createGroup({ actor: owner, name: 'Private', path: `priv-${uniqueSuffix()}` });
    await expectRefusedWithNothingWritten(
      () => createProject({ actor: owner, name: 'P', namespaceId: group.id, visibility: 'public' }),
      'invalid',
      /more open/,
    );
  });

  it('a project in the personal namespace makes its creator Owner', async () => {
    const owner = await createTestUser();
    const personal = await personalNamespaceOf(owner);
    const project = await createProject({ actor: owner, name: 'Dotfiles', namespaceId: personal!.id });
    expect(project.fullPath).toBe(`${owner.username}/dotfiles`);
    const resolved = await resolveFullPath(owner, project.fullPath);
    expect(resolved?.kind === 'project' && resolved.view.access.level).toBe(AccessLevel.Owner);
    expect(await resolveFullPath(await createTestUser(), project.fullPath)).toBeNull();
  });
});
