import 'server-only';
import { AppError, isAppError } from '../../errors';
import { isInstanceAdmin } from '../../permissions';
import {
  createPersonalAccessToken,
  getCurrentAccessToken,
  getPersonalAccessToken,
  listPersonalAccessTokens,
  personalTokenNotFound,
  revokePersonalAccessToken,
  rotatePersonalAccessToken,
} from '../../tokens/personal-access-tokens';
import { pageRequest, paginationHeaders } from '../pagination';
import { optionalBoolean, optionalInteger, optionalString, ParamError, requiredString, stringArray } from '../params';
import type { Principal } from '../principal';
import { badRequest, forbidden, json, noContent, notFound, unauthorized } from '../responses';
import type { ApiContext, ApiRoute } from '../router';
import { personalAccessTokenJson } from '../serializers';

/** GitLab: project access tokens cannot create (or rotate into) personal access tokens. */
function refuseProjectToken(principal: Principal) {
  if (principal.token.kind === 'project') {
    throw new AppError('forbidden', 'Project access tokens cannot create or rotate personal access tokens');
  }
}

function tokenId(context: ApiContext): number | null {
  const id = Number(context.path.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Runs a handler on one token by id. As GitLab does, only admins learn that a token does not
 * exist (404); anyone else hears 401 for any token that is not theirs, so ids reveal nothing.
 */
async function onTokenById(context: ApiContext, run: (id: number) => Promise<Response>): Promise<Response> {
  const hidden = () => (isInstanceAdmin(context.principal!.user) ? notFound() : unauthorized());
  const id = tokenId(context);
  if (id === null) return hidden();
  try {
    return await run(id);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found' && error.message === personalTokenNotFound().message) return hidden();
    throw error;
  }
}

export const personalAccessTokenRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/personal_access_tokens',
    access: 'read',
    summary: "List personal access tokens: the caller's own; admins see everyone's and may filter user_id",
    async handle({ params, principal, url, now }) {
      const actor = principal!.user;
      const self = actor.id;
      const admin = isInstanceAdmin(actor);
      const userId = optionalInteger(params, 'user_id');
      // GitLab: a non-admin naming someone else's user_id is unauthorized.
      if (userId !== undefined && userId !== self && !admin) return unauthorized();
      const state = optionalString(params, 'state');
      if (state !== undefined && state !== 'active' && state !== 'inactive') {
        throw new ParamError(badRequest('state does not have a valid value'));
      }
      const page = pageRequest(params);
      const { tokens, total } = await listPersonalAccessTokens({
        actor,
        userId: userId ?? (admin ? 'all' : self),
        state,
        revoked: optionalBoolean(params, 'revoked'),
        search: optionalString(params, 'search'),
        limit: page.perPage,
        offset: page.offset,
        now,
      });
      return json(
        tokens.map((token) => personalAccessTokenJson(token)),
        { headers: paginationHeaders(url, page, total) },
      );
    },
  },
  {
    method: 'GET',
    path: '/personal_access_tokens/self',
    access: 'read_user',
    summary: 'The token this request authenticated with (any kind), described to its own user',
    async handle({ principal, now }) {
      const token = await getCurrentAccessToken({ actor: principal!.user, tokenId: principal!.token.id, now });
      return json(personalAccessTokenJson(token));
    },
  },
  {
    method: 'POST',
    path: '/personal_access_tokens/self/rotate',
    access: 'write',
    summary: 'A personal access token rotates itself: it is revoked and a new one returned once (expires_at; default one week)',
    async handle({ principal, params, now, ipAddress }) {
      refuseProjectToken(principal!);
      const { token, accessToken } = await rotatePersonalAccessToken({
        actor: principal!.user,
        tokenId: principal!.token.id,
        expiresAt: optionalString(params, 'expires_at'),
        now,
        ipAddress,
      });
      return json(personalAccessTokenJson(accessToken, token));
    },
  },
  {
    method: 'DELETE',
    path: '/personal_access_tokens/self',
    access: 'write',
    summary: 'A personal access token revokes itself',
    async handle({ principal, now, ipAddress }) {
      if (principal!.token.kind === 'project') {
        throw new AppError('forbidden', 'Revoke a project access token with DELETE /projects/:id/access_tokens/:token_id');
      }
      await revokePersonalAccessToken({ actor: principal!.user, tokenId: principal!.token.id, now, ipAddress });
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/personal_access_tokens/:id',
    access: 'read',
    summary: 'One personal access token: own, or any for admins',
    handle: (context) =>
      onTokenById(context, async (id) =>
        json(personalAccessTokenJson(await getPersonalAccessToken({ actor: context.principal!.user, tokenId: id, now: context.now }))),
      ),
  },
  {
    method: 'POST',
    path: '/personal_access_tokens/:id/rotate',
    access: 'write',
    summary: 'Rotate a personal access token (own, or any for admins): the old one is revoked, a new one returned once',
    handle: (context) => {
      refuseProjectToken(context.principal!);
      return onTokenById(context, async (id) => {
        const { token, accessToken } = await rotatePersonalAccessToken({
          actor: context.principal!.user,
          tokenId: id,
          expiresAt: optionalString(context.params, 'expires_at'),
          now: context.now,
          ipAddress: context.ipAddress,
        });
        return json(personalAccessTokenJson(accessToken, token));
      });
    },
  },
  {
    method: 'DELETE',
    path: '/personal_access_tokens/:id',
    access: 'write',
    summary: 'Revoke a personal access token: own, or any for admins',
    handle: (context) =>
      onTokenById(context, async (id) => {
        await revokePersonalAccessToken({ actor: context.principal!.user, tokenId: id, now: context.now, ipAddress: context.ipAddress });
        return noContent();
      }),
  },
  {
    method: 'POST',
    path: '/users/:id/personal_access_tokens',
    access: 'write',
    notFoundLabel: 'User',
    summary: 'Create a personal access token for a user (admins only): name, scopes, expires_at, description',
    async handle({ path, params, principal, now, ipAddress }) {
      refuseProjectToken(principal!);
      if (!isInstanceAdmin(principal!.user)) return forbidden();
      const userId = /^\d+$/.test(path.id ?? '') ? Number(path.id) : NaN;
      if (!Number.isSafeInteger(userId)) throw new AppError('not_found', 'User not found');
      const name = requiredString(params, 'name');
      const scopes = stringArray(params, 'scopes', { required: true })!;
      const { token, accessToken } = await createPersonalAccessToken({
        actor: principal!.user,
        userId,
        name,
        description: optionalString(params, 'description'),
        scopes,
        expiresAt: optionalString(params, 'expires_at'),
        now,
        ipAddress,
      });
      return json(personalAccessTokenJson(accessToken, token), { status: 201 });
    },
  },
];
