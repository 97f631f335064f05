import 'server-only';
import { AppError } from '../../errors';
import { listMembers, type MemberDto } from '../../members/list-members';
import { addMember, changeMemberRole, removeMember } from '../../members/manage-members';
import type { MemberSourceRef } from '../../members/member-source';
import { findUserByUsername } from '../../users/users';
import { groupFromRef } from '../group-ref';
import { pageRequest, paginationHeaders } from '../pagination';
import { optionalInteger, optionalString, ParamError, type Params } from '../params';
import { projectFromRef } from '../project-ref';
import { json, missingParameter, noContent } from '../responses';
import type { ApiContext, ApiRoute } from '../router';
import { baseUrl } from '../serializers';
import { userById } from './users';

/** GitLab's member JSON. */
export function memberJson(member: MemberDto, url: URL) {
  return {
    id: member.userId,
    username: member.username,
    name: member.name,
    state: member.state,
    locked: false,
    avatar_url: null,
    web_url: `${baseUrl(url)}/${member.username}`,
    access_level: member.accessLevel,
    created_at: member.memberSince.toISOString(),
    expires_at: member.expiresAt,
    bot: member.isBot,
    membership_state: 'active',
  };
}

type SourceType = MemberSourceRef['type'];

async function sourceOf(type: SourceType, context: ApiContext): Promise<MemberSourceRef> {
  const actor = context.principal?.user ?? null;
  const id =
    type === 'project'
      ? (await projectFromRef(actor, context.path.id!)).project.id
      : (await groupFromRef(actor, context.path.id!)).group.id;
  return { type, id };
}

function userIdOf(context: ApiContext): number {
  const raw = context.path.user_id ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new AppError('not_found', 'Member not found');
  return id;
}

/** One member by user id (direct only, or with inherited ones); 404 when there is none. */
async function oneMember(type: SourceType, context: ApiContext, inherited: boolean): Promise<MemberDto> {
  const { members } = await listMembers({
    actor: context.principal?.user ?? null,
    source: await sourceOf(type, context),
    filter: inherited ? 'all' : 'direct',
    userId: userIdOf(context),
    now: context.now,
  });
  const member = members[0];
  if (!member) throw new AppError('not_found', 'Member not found');
  return member;
}

/** `expires_at`: a date, or empty/null to remove the expiry; undefined when not sent. */
function expiresAtParam(params: Params): string | null | undefined {
  if (params.expires_at === null) return null;
  return optionalString(params, 'expires_at');
}

function accessLevelParam(context: ApiContext): number {
  const level = optionalInteger(context.params, 'access_level');
  if (level === undefined) throw new ParamError(missingParameter('access_level'));
  return level;
}

/** The member routes of one kind of source: `/projects/:id/members…` or `/groups/:id/members…`. */
function memberRoutes(type: SourceType): ApiRoute[] {
  const base = type === 'project' ? '/projects/:id/members' : '/groups/:id/members';
  const what = type === 'project' ? 'project' : 'group';
  const list = (inherited: boolean) => async (context: ApiContext) => {
    const page = pageRequest(context.params);
    const result = await listMembers({
      actor: context.principal?.user ?? null,
      source: await sourceOf(type, context),
      filter: inherited ? 'all' : 'direct',
      search: optionalString(context.params, 'query'),
      page: page.page,
      perPage: page.perPage,
      now: context.now,
    });
    return json(
      result.members.map((member) => memberJson(member, context.url)),
      { headers: paginationHeaders(context.url, page, result.total) },
    );
  };
  return [
    {
      method: 'GET',
      path: base,
      access: 'public',
      summary: `List a ${what}'s direct members (query, page, per_page)`,
      handle: list(false),
    },
    {
      method: 'GET',
      path: `${base}/all`,
      access: 'public',
      summary: `List a ${what}'s members, including those inherited from parent groups`,
      handle: list(true),
    },
    {
      method: 'GET',
      path: `${base}/:user_id`,
      access: 'public',
      summary: `One direct member of a ${what}`,
      handle: async (context) => json(memberJson(await oneMember(type, context, false), context.url)),
    },
    {
      method: 'GET',
      path: `${base}/all/:user_id`,
      access: 'public',
      summary: `One member of a ${what}, direct or inherited`,
      handle: async (context) => json(memberJson(await oneMember(type, context, true), context.url)),
    },
    {
      method: 'POST',
      path: base,
      access: 'write',
      summary: `Add a member to a ${what} (user_id or username, access_level, expires_at)`,
      async handle(context) {
        const { params, principal, now, ipAddress } = context;
        const userId = optionalInteger(params, 'user_id');
        let username = optionalString(params, 'username');
        if (userId === undefined && !username) throw new ParamError(missingParameter('user_id'));
        const accessLevel = accessLevelParam(context);
        if (userId !== undefined) {
          const user = await userById(userId);
          if (!user) throw new AppError('not_found', 'User not found');
          username = user.username;
        }
        const source = await sourceOf(type, context);
        await addMember({
          actor: principal!.user,
          source,
          username: username!,
          accessLevel,
          expiresAt: expiresAtParam(params),
          now,
          ipAddress,
        });
        const user = await findUserByUsername(username!.trim().replace(/^@/, ''));
        const { members } = await listMembers({ actor: principal!.user, source, filter: 'direct', userId: user?.id ?? 0, now });
        const added = members[0];
        if (!added) throw new AppError('not_found', 'Member not found');
        return json(memberJson(added, context.url), { status: 201 });
      },
    },
    {
      method: 'PUT',
      path: `${base}/:user_id`,
      access: 'write',
      summary: `Change a direct member's role in a ${what} (access_level, expires_at); bots cannot be edited (403)`,
      async handle(context) {
        const accessLevel = accessLevelParam(context);
        const userId = userIdOf(context);
        const source = await sourceOf(type, context);
        await changeMemberRole({
          actor: context.principal!.user,
          source,
          userId,
          accessLevel,
          expiresAt: expiresAtParam(context.params),
          now: context.now,
          ipAddress: context.ipAddress,
        });
        return json(memberJson(await oneMember(type, context, false), context.url));
      },
    },
    {
      method: 'DELETE',
      path: `${base}/:user_id`,
      access: 'write',
      summary: `Remove a direct member from a ${what}; bots cannot be removed (403), the last Owner neither (400)`,
      async handle(context) {
        await removeMember({
          actor: context.principal!.user,
          source: await sourceOf(type, context),
          userId: userIdOf(context),
          now: context.now,
          ipAddress: context.ipAddress,
        });
        return noContent();
      },
    },
  ];
}

export const memberApiRoutes: ApiRoute[] = [...memberRoutes('project'), ...memberRoutes('group')];
