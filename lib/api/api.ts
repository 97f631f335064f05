import 'server-only';
import { applicationSettingsRoutes } from './endpoints/application-settings';
import { groupRoutes } from './endpoints/groups';
import { memberApiRoutes } from './endpoints/members';
import { openApiRoutes } from './endpoints/openapi';
import { packageRoutes } from './endpoints/packages';
import { personalAccessTokenRoutes } from './endpoints/personal-access-tokens';
import { projectAccessTokenRoutes } from './endpoints/project-access-tokens';
import { projectRoutes } from './endpoints/projects';
import { userRoutes } from './endpoints/user';
import { userAdminRoutes } from './endpoints/users';
import { compileRoutes, dispatch, type ApiRoute } from './router';

/** Every route of the REST API, in one table (the OpenAPI document is made from it too). */
export const API_ROUTES: ApiRoute[] = [
  ...userRoutes,
  ...projectRoutes,
  ...projectAccessTokenRoutes,
  ...personalAccessTokenRoutes,
  ...memberApiRoutes,
  ...groupRoutes,
  ...userAdminRoutes,
  ...applicationSettingsRoutes,
  ...packageRoutes,
  ...openApiRoutes,
];

const compiled = compileRoutes(API_ROUTES);

export const API_PREFIX = '/api/v4';

/** Serves a request to `/api/v4/...`. */
export function handleApiRequest(request: Request, ipAddress: string | null): Promise<Response> {
  return dispatch(compiled, request, { prefix: API_PREFIX, ipAddress });
}
