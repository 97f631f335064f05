import 'server-only';
import { openApiDocument } from '../openapi';
import { json } from '../responses';
import type { ApiRoute } from '../router';
import { baseUrl } from '../serializers';
import { GITLAB_COMPATIBLE_VERSION } from './user';

export const openApiRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    access: 'public',
    summary: 'This API described as an OpenAPI 3.1 document, made from the route table',
    async handle({ url }) {
      // Imported here, not at the top: api.ts imports this file to build API_ROUTES.
      const { API_PREFIX, API_ROUTES } = await import('../api');
      return json(openApiDocument(API_ROUTES, { serverUrl: `${baseUrl(url)}${API_PREFIX}`, version: GITLAB_COMPATIBLE_VERSION }));
    },
  },
];
