import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, groupMembers, projectMembers, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel, MEMBER_ACCESS_LEVELS } from '@/lib/access-levels';
import { AppError } from '@/lib/errors';
import { createGroup } from '@/lib/namespaces/groups';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { createTestUser, uniqueSuffix } from '@/tests/factories';
import { withFreshDatabase } from '@/tests/database';
import { groupProject, personalProject, projectMember } from '@/tests/token-factories';
import { listMembers } from './list-members';
import { addMember, changeMemberRole, removeMember } from './manage-members';
import type { MemberSourceRef } from './member-source';

withFreshDatabase();

const project = (id: number): MemberSourceRef => ({ type: 'project', id });

async function membershipCounts() {
  const database = await db();
  const [[p], [g], [a]] = await Promise.all([
    database.select({ value: count() }).from(projectMembers),
    database.select({ value: count() }).from(groupMembers),
    database.select({ value: count() }).from(auditEvents),
  ]);
  return { project: p?.value, group: g?.value, audit: a?.value };
}

/** Runs a change that must be refused, and checks that nothing at all was written. */
async function refused(attempt: () => Promise<unknown>): Promise<AppError> {
  const before = await membershipCounts();
  const error = await attempt().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect(await membershipCounts()).toEqual(before);
  return error as AppError;
}

async function levelOf(projectId: number, userId: number) {
  const [row] = await (
    await db()
  )
    .select({ level: projectMembers.accessLevel })
    .from(projectMembers)
    .where(sql`${projectMembers.projectId} = ${projectId} and ${projectMembers.userId} = ${userId}`);
  return row?.level ?? null;
}

const ACTOR_LEVELS = MEMBER_ACCESS_LEVELS;

/** GitLab's rule, written out independently of the implementation. */
function mayManage(actorLevel: number, targetLevel: number, newLevel = targetLevel): boolean {
  if (actorLevel === AccessLevel.Owner) return true;
  return actorLevel === AccessLevel.Maintainer && targetLevel !== AccessLevel.Owner && newLevel !== AccessLevel.Owner;
}

describe('who may add, change and remove whom (people)', () => {
  const table = ACTOR_LEVELS.flatMap((actorLevel) =>
    MEMBER_ACCESS_LEVELS.flatMap((target) => (['add', 'change_role', 'remove'] as const).map((action) => ({ actorLevel, target, action }))),
  );

  it.each(table)('actor $actorLevel, $action, target role $target', async ({ actorLevel, target, action }) => {
    const { project: p } = await groupProject();
    const actor = await projectMember(p.id, actorLevel);
    const person = await createTestUser();
    if (action === 'add') {
      const attempt = () => addMember({ actor, source: project(p.id), username: person.username, accessLevel: target });
      if (mayManage(actorLevel, target)) {
        await attempt();
        expect(await levelOf(p.id, person.id)).toBe(target);
      } else {
        expect((await refused(attempt)).code).toBe('forbidden');
      }
      return;
    }
    // change_role moves the member from `target` to Reporter (or Developer when already Reporter).
    await (await db()).insert(projectMembers).values({ projectId: p.id, userId: person.id, accessLevel: target });
    const newLevel = target === AccessLevel.Reporter ? AccessLevel.Developer : AccessLevel.Reporter;
    const attempt =
      action === 'remove'
        ? () => removeMember({ actor, source: project(p.id), userId: person.id })
        : () => changeMemberRole({ actor, source: project(p.id), userId: person.id, accessLevel: newLevel });
    if (mayManage(actorLevel, target, newLevel)) {
      await attempt();
      expect(await levelOf(p.id, person.id)).toBe(action === 'remove' ? null : newLevel);
    } else {
      expect((await refused(attempt)).code).toBe('forbidden');
      expect(await levelOf(p.id, person.id)).toBe(target);
    }
  });
});

describe('bot users', () => {
  async function projectWithBot() {
    const { owner, project: p } = await groupProject();
    const { accessToken } = await createProjectAccessToken({
      actor: owner,
      projectId: p.id,
      name: 'ci',
      scopes: ['api'],
      accessLevel: AccessLevel.Developer,
      expiresAt: undefined,
    });
    const [bot] = await (await db()).select().from(users).where(eq(users.id, accessToken.userId!));
    return { owner, project: p, bot: bot! };
  }

  it.each(['change_role', 'remove'] as const)('refuses to %s a bot, even for an Owner', async (action) => {
    const { owner, project: p, bot } = await projectWithBot();
    const attempt =
      action === 'remove'
        ? () => removeMember({ actor: owner, source: project(p.id), userId: bot.id })
        : () => changeMemberRole({ actor: owner, source: project(p.id), userId: bot.id, accessLevel: AccessLevel.Owner });
    const error = await refused(attempt);
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/Bot users cannot be changed/);
    expect(await levelOf(p.id, bot.id)).toBe(AccessLevel.Developer);
  });

  it('refuses to add a bot to a second project or to a group', async () => {
    const { bot } = await projectWithBot();
    const { owner: otherOwner, project: second, group } = await groupProject();
    for (const source of [project(second.id), { type: 'group' as const, id: group.id }]) {
      const error = await refused(() => addMember({ actor: otherOwner, source, username: bot.username, accessLevel: AccessLevel.Guest }));
      expect(error.message).toMatch(/cannot be added to any other project or group/);
    }
  });

  it('lists the bot with the token role, flagged as a bot', async () => {
    const { owner, project: p, bot } = await projectWithBot();
    const { members } = await listMembers({ actor: owner, source: project(p.id), filter: 'bots' });
    expect(members).toEqual([expect.objectContaining({ userId: bot.id, isBot: true, accessLevel: AccessLevel.Developer })]);
  });
});

describe('rules about the member', () => {
  it('never leaves a project without an Owner', async () => {
    const { project: p, owner } = await personalProject();
    // The personal namespace owner is the only Owner; the direct row cannot go while they are.
    const error = await refused(() =>
      changeMemberRole({ actor: owner, source: project(p.id), userId: owner.id, accessLevel: AccessLevel.Maintainer }),
    );
    expect(error).toBeDefined();
  });

  it('never leaves a group without an Owner, but allows it once another Owner exists', async () => {
    const owner = await createTestUser();
    const group = await createGroup({ actor: owner, name: 'G', path: `g-${uniqueSuffix()}` });
    const source = { type: 'group' as const, id: group.id };
    expect((await refused(() => removeMember({ actor: owner, source, userId: owner.id }))).message).toMatch(/at least one Owner/);
    expect(
      (await refused(() => changeMemberRole({ actor: owner, source, userId: owner.id, accessLevel: AccessLevel.Developer }))).message,
    ).toMatch(/at least one Owner/);
    const second = await createTestUser();
    await addMember({ actor: owner, source, username: second.username, accessLevel: AccessLevel.Owner });
    await removeMember({ actor: second, source, userId: owner.id });
    const { members } = await listMembers({ actor: second, source });
    expect(members.map((member) => member.userId)).toEqual([second.id]);
  });

  it('changes inherited memberships only at their group', async () => {
    const { owner, group, project: p } = await groupProject();
    const inheritedDeveloper = await createTestUser();
    await addMember({
      actor: owner,
      source: { type: 'group', id: group.id },
      username: inheritedDeveloper.username,
      accessLevel: AccessLevel.Developer,
    });
    const error = await refused(() => removeMember({ actor: owner, source: project(p.id), userId: inheritedDeveloper.id }));
    expect(error.message).toMatch(/through a parent group/);
    const { members } = await listMembers({ actor: owner, source: project(p.id) });
    expect(members.find((member) => member.userId === inheritedDeveloper.id)?.source).toEqual({
      type: 'inherited',
      groupId: group.id,
      groupName: group.name,
      groupFullPath: group.fullPath,
    });
    // A direct role below the inherited one is refused, as GitLab does; a higher one is fine.
    expect(
      (
        await refused(() =>
          addMember({ actor: owner, source: project(p.id), username: inheritedDeveloper.username, accessLevel: AccessLevel.Guest }),
        )
      ).message,
    ).toMatch(/greater than or equal to Developer/);
    await addMember({ actor: owner, source: project(p.id), username: inheritedDeveloper.username, accessLevel: AccessLevel.Maintainer });
    expect(await levelOf(p.id, inheritedDeveloper.id)).toBe(AccessLevel.Maintainer);
  });

  it.each([
    ['an unknown user', { username: 'nobody-here' }, /not found/],
    ['a past expiry date', { expiresAt: '2000-01-01' }, /in the future/],
    ['a malformed expiry date', { expiresAt: '2030-02-30' }, /must be a date/],
    ['an invalid role', { accessLevel: 35 }, /Role is not valid/],
  ])('refuses %s', async (_case, override, message) => {
    const { owner, project: p } = await groupProject();
    const person = await createTestUser();
    const error = await refused(() =>
      addMember({ actor: owner, source: project(p.id), username: person.username, accessLevel: AccessLevel.Developer, ...override }),
    );
    expect(error.message).toMatch(message);
  });

  it('refuses a user who is already a member, pointing to the role change instead', async () => {
    const { owner, project: p } = await groupProject();
    const person = await createTestUser();
    await addMember({ actor: owner, source: project(p.id), username: person.username, accessLevel: AccessLevel.Developer });
    const error = await refused(() =>
      addMember({ actor: owner, source: project(p.id), username: person.username, accessLevel: AccessLevel.Reporter }),
    );
    expect(error.message).toMatch(/already a member; change their role instead/);
  });

  it('a stranger cannot learn about a private project through the members API', async () => {
    const { project: p } = await groupProject();
    const stranger = await createTestUser();
    expect((await refused(() => listMembers({ actor: stranger, source: project(p.id) }))).code).toBe('not_found');
    expect(
      (
        await refused(() =>
          addMember({ actor: stranger, source: project(p.id), username: stranger.username, accessLevel: AccessLevel.Guest }),
        )
      ).code,
    ).toBe('not_found');
  });

  it('records who changed what, with the old and new role', async () => {
    const { owner, project: p } = await groupProject();
    const person = await createTestUser();
    await addMember({ actor: owner, source: project(p.id), username: person.username, accessLevel: AccessLevel.Developer });
    await changeMemberRole({ actor: owner, source: project(p.id), userId: person.id, accessLevel: AccessLevel.Reporter });
    await removeMember({ actor: owner, source: project(p.id), userId: person.id });
    const events = await (
      await db()
    )
      .select({ action: auditEvents.action, details: auditEvents.details, authorId: auditEvents.authorId })
      .from(auditEvents)
      .where(sql`${auditEvents.targetType} = 'Project' and ${auditEvents.targetId} = ${p.id} and ${auditEvents.action} like 'member_%'`)
      .orderBy(auditEvents.id);
    expect(events).toEqual([
      {
        action: 'member_added',
        authorId: owner.id,
        details: expect.objectContaining({ userId: person.id, accessLevel: AccessLevel.Developer }),
      },
      {
        action: 'member_role_changed',
        authorId: owner.id,
        details: expect.objectContaining({ from: AccessLevel.Developer, to: AccessLevel.Reporter }),
      },
      { action: 'member_removed', authorId: owner.id, details: expect.objectContaining({ userId: person.id }) },
    ]);
  });
});

describe('listing many members', () => {
  it('searches, filters, sorts and pages through thousands of members in the database', async () => {
    const { owner, group, project: p } = await groupProject();
    const database = await db();
    const suffix = uniqueSuffix();
    // 2,000 people: even ones direct Reporters of the project, odd ones Developers through the group.
    await database.execute(sql`
      insert into users (username, name, email, user_type)
      select 'bulk-' || ${suffix} || '-' || n, 'Bulk Person ' || lpad(n::text, 4, '0'), 'bulk-' || ${suffix} || '-' || n || '@example.com', 'human'
      from generate_series(1, 2000) as n`);
    await database.execute(sql`
      insert into project_members (project_id, user_id, access_level)
      select ${p.id}, id, ${AccessLevel.Reporter} from users where username like ${`bulk-${suffix}-%`} and right(username, 1) in ('0','2','4','6','8')`);
    await database.execute(sql`
      insert into group_members (group_id, user_id, access_level)
      select ${group.id}, id, ${AccessLevel.Developer} from users where username like ${`bulk-${suffix}-%`} and right(username, 1) in ('1','3','5','7','9')`);

    const source = project(p.id);
    const first = await listMembers({ actor: owner, source, perPage: 50 });
    expect(first.total).toBe(2001); // the bulk people plus the group's Owner
    expect(first.totalPages).toBe(41);
    expect(first.members).toHaveLength(50);
    const last = await listMembers({ actor: owner, source, perPage: 50, page: 41 });
    expect(last.members).toHaveLength(1);

    expect((await listMembers({ actor: owner, source, filter: 'direct' })).total).toBe(1000);
    expect((await listMembers({ actor: owner, source, filter: 'inherited' })).total).toBe(1001);
    const found = await listMembers({ actor: owner, source, search: 'person 0042' });
    expect(found.members.map((member) => member.name)).toEqual(['Bulk Person 0042']);
    expect((await listMembers({ actor: owner, source, search: '%' })).total).toBe(0);
    const byRole = await listMembers({ actor: owner, source, sort: 'access_level_desc', perPage: 2 });
    expect(byRole.members.map((member) => member.accessLevel)).toEqual([AccessLevel.Owner, AccessLevel.Developer]);
  });
});
