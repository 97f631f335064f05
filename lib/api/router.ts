import 'server-only';
import { isAppError } from '../errors';
import { ParamError, queryParams, readParams, type Params } from './params';
import { resolvePrincipal, scopeFailure, type Principal, type RouteAccess } from './principal';
import { fromAppError, json, messageError, notFound, unauthorized } from './responses';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiContext {
  request: Request;
  url: URL;
  /** Path parameters, each decoded once (`acme%2Fapi` → `acme/api`). */
  path: Record<string, string>;
  params: Params;
  /** Null for an anonymous caller (only `public` routes see that). */
  principal: Principal | null;
  ipAddress: string | null;
  now: Date;
}

export interface ApiRoute {
  method: HttpMethod;
  /** Below `/api/v4`, with `:name` segments, e.g. `/projects/:id/access_tokens/:token_id`. */
  path: string;
  access: RouteAccess;
  /** Used in "404 … Not Found" when lib/ says not found. */
  notFoundLabel?: string;
  summary: string;
  /**
   * The handler reads `request.body` itself (a file upload, streamed): only the query string
   * becomes params, and the body is left unread.
   */
  rawBody?: true;
  /** Also accept the token as the password of HTTP Basic (`curl --user any:<token>`), as GitLab's package APIs do. */
  basicAuth?: true;
  handle(context: ApiContext): Promise<Response>;
}

interface CompiledRoute extends ApiRoute {
  segments: string[];
}

export function compileRoutes(routes: ApiRoute[]): CompiledRoute[] {
  return routes.map((route) => ({ ...route, segments: route.path.split('/').filter(Boolean) }));
}

function match(route: CompiledRoute, segments: string[]): Record<string, string> | null {
  if (route.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const pattern = route.segments[index]!;
    const actual = segments[index]!;
    if (pattern.startsWith(':')) params[pattern.slice(1)] = actual;
    else if (pattern !== actual) return null;
  }
  return params;
}

function decodeSegments(pathname: string): string[] | null {
  try {
    return pathname
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/**
 * Serves one API request: finds the route (literal segments beat parameters), resolves the
 * token, checks its scopes, parses parameters and runs the handler. Every failure becomes
 * GitLab-shaped JSON; unexpected errors are logged and answered 500 without details.
 */
export async function dispatch(
  routes: CompiledRoute[],
  request: Request,
  options: { prefix: string; ipAddress: string | null; now?: Date },
): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const segments = decodeSegments(url.pathname.slice(options.prefix.length));
  if (!segments) return notFound();
  const candidates = routes
    .map((route) => ({ route, path: match(route, segments) }))
    .filter((candidate): candidate is { route: CompiledRoute; path: Record<string, string> } => candidate.path !== null)
    // Prefer routes with more literal segments: `/access_tokens/self/rotate` before `/:token_id/rotate`.
    .sort((a, b) => Object.keys(a.path).length - Object.keys(b.path).length);
  if (candidates.length === 0) return notFound();
  const chosen = candidates.find((candidate) => candidate.route.method === method);
  if (!chosen) {
    const allowed = [...new Set(candidates.map((candidate) => candidate.route.method))].join(', ');
    return messageError(405, '405 Method Not Allowed', { allow: allowed });
  }
  const { route, path } = chosen;
  const now = options.now ?? new Date();
  try {
    const resolved = await resolvePrincipal(request, url, options.ipAddress, now, { basicAuth: route.basicAuth });
    if ('failure' in resolved) return resolved.failure;
    const principal = resolved.principal;
    if (!principal && route.access !== 'public') return unauthorized();
    if (principal) {
      const failure = scopeFailure(principal, route.access, request.method);
      if (failure) return failure;
    }
    const params = route.rawBody ? queryParams(url) : await readParams(request, url);
    const response = await route.handle({ request, url, path, params, principal, ipAddress: options.ipAddress, now });
    return request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
  } catch (error) {
    if (error instanceof ParamError) return error.response;
    if (isAppError(error)) return fromAppError(error, route.notFoundLabel);
    console.error('Keyhold API error', request.method, url.pathname, error);
    return json({ message: '500 Internal Server Error' }, { status: 500 });
  }
}
