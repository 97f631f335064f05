import 'server-only';
import type { Actor } from '../actor';
import { parseBasicAuthorization } from '../http/basic-authorization';
import { authenticateToken } from '../tokens/authenticate';
import { FIPS_TOKEN_REFUSED_MESSAGE } from '../settings/fips';
import { json, unauthorized } from './responses';

/** Who is calling the API: a token's user, with what the token allows. */
export interface Principal {
  user: Actor;
  token: { id: number; kind: 'personal' | 'project'; scopes: string[]; projectId: number | null };
}

export interface PresentedTokenOptions {
  /** Also take the password of `Authorization: Basic` (any user name), as GitLab's package registries do. */
  basicAuth?: boolean;
}

/** The token a request presents: `PRIVATE-TOKEN`, `Authorization: Bearer`, or `?private_token=` (and Basic where allowed). */
export function presentedToken(request: Request, url: URL, { basicAuth = false }: PresentedTokenOptions = {}): string | null {
  const header = request.headers.get('private-token');
  if (header?.trim()) return header.trim();
  const authorization = request.headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer?.trim()) return bearer.trim();
  if (basicAuth && authorization) {
    const password = parseBasicAuthorization(authorization)?.password.trim();
    if (password) return password;
  }
  const query = url.searchParams.get('private_token') ?? url.searchParams.get('access_token');
  return query?.trim() || null;
}

const INVALID_TOKEN_DESCRIPTIONS = {
  expired: 'Token is expired. You can either do re-authorization or token refresh.',
  revoked: 'Token was revoked. You have to re-authorize from the user.',
} as const;

/** 401 with OAuth's `invalid_token`, as GitLab answers expired and revoked tokens. */
function invalidToken(reason: keyof typeof INVALID_TOKEN_DESCRIPTIONS): Response {
  const description = INVALID_TOKEN_DESCRIPTIONS[reason];
  return json(
    { error: 'invalid_token', error_description: description },
    {
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${description}"` },
    },
  );
}

export type PrincipalResult = { principal: Principal | null } | { failure: Response };

/** Resolves the caller. No token → anonymous; a bad token → the 401 GitLab would send. */
export async function resolvePrincipal(
  request: Request,
  url: URL,
  ipAddress: string | null,
  now: Date,
  options: PresentedTokenOptions = {},
): Promise<PrincipalResult> {
  const presented = presentedToken(request, url, options);
  if (!presented) return { principal: null };
  const result = await authenticateToken(presented, { now, ipAddress });
  if (!result.ok) {
    switch (result.reason) {
      case 'expired':
      case 'revoked':
        return { failure: invalidToken(result.reason) };
      case 'fips':
        return { failure: json({ message: `401 Unauthorized - ${FIPS_TOKEN_REFUSED_MESSAGE}` }, { status: 401 }) };
      case 'blocked':
        return { failure: json({ message: '401 Unauthorized - your account has been blocked' }, { status: 401 }) };
      default:
        return { failure: unauthorized() };
    }
  }
  return {
    principal: {
      user: result.user,
      token: { id: result.token.id, kind: result.token.kind, scopes: result.token.scopes, projectId: result.token.projectId },
    },
  };
}

/** Which scopes a route needs: `read` routes take read_api or api, `write` routes api only. */
export type RouteAccess = 'public' | 'read' | 'write' | 'read_user';

const SCOPES_FOR: Record<Exclude<RouteAccess, 'public'>, string[]> = {
  read: ['api', 'read_api'],
  write: ['api'],
  read_user: ['api', 'read_api', 'read_user'],
};

/** The scopes of which a token needs one to call a route with this access and method. */
export function requiredScopes(access: RouteAccess, method: string): string[] {
  // A token on a public route still needs an API scope: read_repository alone opens no API route.
  const base = access === 'public' ? 'read' : access;
  // read_api opens GET and HEAD only, whatever the route.
  return SCOPES_FOR[method === 'GET' || method === 'HEAD' ? base : 'write'];
}

/** 403 `insufficient_scope` when the token may not use this route; null when it may. */
export function scopeFailure(principal: Principal, access: RouteAccess, method: string): Response | null {
  const allowed = requiredScopes(access, method);
  if (principal.token.scopes.some((scope) => allowed.includes(scope))) return null;
  return json(
    {
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: allowed.join(' '),
    },
    {
      status: 403,
      headers: {
        'www-authenticate': `Bearer realm="Protected by OAuth 2.0", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token.", scope="${allowed.join(' ')}"`,
      },
    },
  );
}
