import { requiredScopes } from './principal';
import type { ApiRoute } from './router';

/** The three ways GitLab's API takes a token, as OpenAPI security schemes. */
export const SECURITY_SCHEMES = {
  privateTokenHeader: { type: 'apiKey', in: 'header', name: 'PRIVATE-TOKEN', description: 'A personal or project access token' },
  bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <access token>' },
  privateTokenQuery: { type: 'apiKey', in: 'query', name: 'private_token', description: 'The access token as a query parameter' },
} as const;

export interface OpenApiOptions {
  /** Base URL of the API, e.g. `https://keyhold.example.com/api/v4`. */
  serverUrl: string;
  /** The document's `info.version`. */
  version: string;
}

/** `/projects/:id/access_tokens/:token_id` → `/projects/{id}/access_tokens/{token_id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
}

function operationId(route: ApiRoute): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by_${segment.slice(1)}` : segment.replace(/[^A-Za-z0-9]+/g, '_')));
  return [route.method.toLowerCase(), ...words].join('_');
}

const SUCCESS: Record<ApiRoute['method'], string> = { GET: '200', POST: '201', PUT: '200', DELETE: '204' };

function operation(route: ApiRoute) {
  const scopes = requiredScopes(route.access, route.method);
  const withToken = Object.keys(SECURITY_SCHEMES).map((scheme) => ({ [scheme]: scopes }));
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.path.split('/').filter(Boolean)[0] ?? 'api'],
    parameters: pathParameterNames(route.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
      ...(name === 'id' && route.path.startsWith('/projects/') ? { description: 'Numeric project id or URL-encoded full path' } : {}),
    })),
    // Public routes take no token, or a token with an API scope (`{}`: anonymous).
    security: route.access === 'public' ? [{}, ...withToken] : withToken,
    'x-keyhold-access': route.access,
    'x-required-scopes': scopes,
    responses: {
      [SUCCESS[route.method]]: { description: 'Success' },
      ...(route.access === 'public' ? {} : { '401': error('No token, or an unknown, expired or revoked one') }),
      '403': error('The token lacks a scope (insufficient_scope) or its user lacks the role'),
      '404': error('Not found, or not visible to the caller'),
      default: error('GitLab-shaped error'),
    },
  };
}

/** An OpenAPI 3.1 document describing `routes` (Keyhold's API_ROUTES). */
export function openApiDocument(routes: readonly ApiRoute[], { serverUrl, version }: OpenApiOptions) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const route of routes) {
    const item = (paths[openApiPath(route.path)] ??= {});
    item[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Keyhold REST API',
      version,
      description:
        "GitLab-compatible REST API v4. A token's scopes decide which operations it may call: `api` all, `read_api` GET only, `read_user` only the current user.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: {
        Error: {
          type: 'object',
          description: 'GitLab error: `message`, or `error` with `error_description` (and `scope` for insufficient_scope)',
          properties: {
            message: { type: 'string' },
            error: { type: 'string' },
            error_description: { type: 'string' },
            scope: { type: 'string' },
          },
        },
      },
    },
  };
}
