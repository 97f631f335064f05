import 'server-only';
import { AppError } from '../../errors';
import {
  createProjectAccessToken,
  listProjectAccessTokens,
  revokeProjectAccessToken,
  rotateProjectAccessToken,
  type ProjectAccessTokenDto,
} from '../../tokens/project-access-tokens';
import { pageOf, pageRequest, paginationHeaders } from '../pagination';
import { optionalInteger, optionalString, ParamError, requiredString, stringArray } from '../params';
import type { Principal } from '../principal';
import { projectFromRef } from '../project-ref';
import { badRequest, json, noContent } from '../responses';
import type { ApiContext, ApiRoute } from '../router';
import { projectAccessTokenJson } from '../serializers';

const SORTS: Record<string, (a: ProjectAccessTokenDto, b: ProjectAccessTokenDto) => number> = {
  created_asc: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
  created_desc: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
  expires_asc: (a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.id - b.id,
  expires_desc: (a, b) => b.expiresAt.localeCompare(a.expiresAt) || b.id - a.id,
  last_used_asc: (a, b) => (a.lastUsedAt?.getTime() ?? 0) - (b.lastUsedAt?.getTime() ?? 0) || a.id - b.id,
  last_used_desc: (a, b) => (b.lastUsedAt?.getTime() ?? 0) - (a.lastUsedAt?.getTime() ?? 0) || b.id - a.id,
  name_asc: (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
  name_desc: (a, b) => b.name.localeCompare(a.name) || b.id - a.id,
};

/** GitLab: project access tokens cannot create group, project or personal access tokens. */
function refuseTokenCreatedByProjectToken(principal: Principal) {
  if (principal.token.kind === 'project') {
    throw new AppError('forbidden', 'Project access tokens cannot create or rotate other access tokens');
  }
}

function tokenId(context: ApiContext): number {
  const id = Number(context.path.token_id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'Project Access Token Not Found');
  return id;
}

async function projectId(context: ApiContext): Promise<number> {
  return (await projectFromRef(context.principal!.user, context.path.id!)).project.id;
}

export const projectAccessTokenRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/projects/:id/access_tokens',
    access: 'read',
    notFoundLabel: 'Project',
    summary: "List a project's access tokens (Maintainer+); filters state, search, sort",
    async handle(context) {
      const { params, principal, url, now } = context;
      const state = optionalString(params, 'state');
      if (state !== undefined && state !== 'active' && state !== 'inactive')
        throw new ParamError(badRequest('state does not have a valid value'));
      const sort = optionalString(params, 'sort') ?? 'created_desc';
      const compare = SORTS[sort];
      if (!compare) throw new ParamError(badRequest('sort does not have a valid value'));
      const page = pageRequest(params);
      const search = optionalString(params, 'search')?.toLowerCase();
      const tokens = (await listProjectAccessTokens({ actor: principal!.user, projectId: await projectId(context), state, now }))
        .filter((token) => !search || token.name.toLowerCase().includes(search))
        .sort(compare);
      return json(
        pageOf(tokens, page).map((token) => projectAccessTokenJson(token)),
        { headers: paginationHeaders(url, page, tokens.length) },
      );
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/access_tokens/:token_id',
    access: 'read',
    notFoundLabel: 'Project Access Token',
    summary: 'Get one project access token',
    async handle(context) {
      const id = tokenId(context);
      const tokens = await listProjectAccessTokens({
        actor: context.principal!.user,
        projectId: await projectId(context),
        now: context.now,
      });
      const token = tokens.find((candidate) => candidate.id === id);
      if (!token) throw new AppError('not_found', 'Project Access Token Not Found');
      return json(projectAccessTokenJson(token));
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/access_tokens',
    access: 'write',
    notFoundLabel: 'Project',
    summary: 'Create a project access token (name, scopes, access_level, expires_at, description)',
    async handle(context) {
      const { params, principal, now, ipAddress } = context;
      refuseTokenCreatedByProjectToken(principal!);
      const name = requiredString(params, 'name');
      const scopes = stringArray(params, 'scopes', { required: true })!;
      const { token, accessToken } = await createProjectAccessToken({
        actor: principal!.user,
        projectId: await projectId(context),
        name,
        description: optionalString(params, 'description'),
        scopes,
        accessLevel: optionalInteger(params, 'access_level') ?? 40,
        expiresAt: optionalString(params, 'expires_at'),
        now,
        ipAddress,
      });
      return json(projectAccessTokenJson(accessToken, token), { status: 201 });
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/access_tokens/self/rotate',
    access: 'write',
    notFoundLabel: 'Project',
    summary: 'A project access token rotates itself',
    async handle(context) {
      const { principal, params, now, ipAddress } = context;
      if (principal!.token.kind !== 'project') throw new AppError('forbidden', 'Only a project access token can rotate itself here');
      const id = await projectId(context);
      if (principal!.token.projectId !== id) throw new AppError('not_found', 'Project Not Found');
      const { token, accessToken } = await rotateProjectAccessToken({
        actor: principal!.user,
        projectId: id,
        tokenId: principal!.token.id,
        expiresAt: optionalString(params, 'expires_at'),
        now,
        ipAddress,
      });
      return json(projectAccessTokenJson(accessToken, token));
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/access_tokens/:token_id/rotate',
    access: 'write',
    notFoundLabel: 'Project Access Token',
    summary: 'Rotate a project access token: the old one is revoked, a new one returned once',
    async handle(context) {
      const { principal, params, now, ipAddress } = context;
      refuseTokenCreatedByProjectToken(principal!);
      const { token, accessToken } = await rotateProjectAccessToken({
        actor: principal!.user,
        projectId: await projectId(context),
        tokenId: tokenId(context),
        expiresAt: optionalString(params, 'expires_at'),
        now,
        ipAddress,
      });
      return json(projectAccessTokenJson(accessToken, token));
    },
  },
  {
    method: 'DELETE',
    path: '/projects/:id/access_tokens/:token_id',
    access: 'write',
    notFoundLabel: 'Project Access Token',
    summary: 'Revoke a project access token',
    async handle(context) {
      await revokeProjectAccessToken({
        actor: context.principal!.user,
        projectId: await projectId(context),
        tokenId: tokenId(context),
        now: context.now,
        ipAddress: context.ipAddress,
      });
      return noContent();
    },
  },
];
