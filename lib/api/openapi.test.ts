import { describe, expect, it } from 'vitest';
import { api } from '@/tests/api-client';
import { API_ROUTES } from './api';
import { openApiDocument, openApiPath, SECURITY_SCHEMES } from './openapi';
import { requiredScopes } from './principal';

const document = openApiDocument(API_ROUTES, { serverUrl: 'http://keyhold.test/api/v4', version: 'test' });

/** "GET /projects/{id}" for every operation the document describes. */
const documented = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
);
const routed = API_ROUTES.map((route) => `${route.method} ${openApiPath(route.path)}`);

describe('the OpenAPI document', () => {
  it('describes every route of API_ROUTES', () => {
    expect(documented.length).toBeGreaterThan(0);
    for (const route of routed) expect(documented, route).toContain(route);
  });

  it('describes only real routes, each once', () => {
    for (const operation of documented) expect(routed, operation).toContain(operation);
    expect(new Set(routed).size).toBe(routed.length);
    expect(documented.length).toBe(routed.length);
  });

  it('turns :name segments into declared {name} path parameters', () => {
    expect(openApiPath('/projects/:id/access_tokens/:token_id')).toBe('/projects/{id}/access_tokens/{token_id}');
    for (const [path, item] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(item)) {
        expect(operation.parameters.map((parameter) => parameter.name)).toEqual(names);
        expect(path).not.toContain(':');
      }
    }
  });

  it("gives each operation the route's summary and required scopes for all three ways to send a token", () => {
    for (const route of API_ROUTES) {
      const operation = document.paths[openApiPath(route.path)]![route.method.toLowerCase()]!;
      expect(operation.summary).toBe(route.summary);
      const scopes = requiredScopes(route.access, route.method);
      const withToken = Object.keys(SECURITY_SCHEMES).map((scheme) => ({ [scheme]: scopes }));
      expect(operation.security).toEqual(route.access === 'public' ? [{}, ...withToken] : withToken);
    }
    const create = document.paths['/projects/{id}/access_tokens']!.post!;
    expect(create.security).toContainEqual({ privateTokenHeader: ['api'] });
    const list = document.paths['/projects/{id}/access_tokens']!.get!;
    expect(list.security).toContainEqual({ bearer: ['api', 'read_api'] });
    expect(document.components.securitySchemes).toMatchObject({
      privateTokenHeader: { type: 'apiKey', in: 'header', name: 'PRIVATE-TOKEN' },
      bearer: { type: 'http', scheme: 'bearer' },
      privateTokenQuery: { type: 'apiKey', in: 'query', name: 'private_token' },
    });
  });

  it('has unique operation ids', () => {
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('GET /api/v4/openapi.json', () => {
  it('is served without a token', async () => {
    const response = await api('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.json.openapi).toBe('3.1.0');
    expect(response.json.servers).toEqual([{ url: 'http://keyhold.test/api/v4' }]);
    expect(Object.keys(response.json.paths)).toEqual(Object.keys(document.paths));
    expect(response.json.paths['/openapi.json'].get.security).toContainEqual({});
  });
});
