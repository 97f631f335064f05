import 'server-only';
import { json } from '../responses';
import type { ApiRoute } from '../router';
import { userBasicJson } from '../serializers';

/** Reported to clients that check the server version (python-gitlab, gitbeaker). */
export const GITLAB_COMPATIBLE_VERSION = '17.5.0';

export const userRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/version',
    access: 'read_user',
    summary: 'The GitLab API version Keyhold is compatible with',
    async handle() {
      return json({ version: GITLAB_COMPATIBLE_VERSION, revision: 'keyhold', kas: { enabled: false }, enterprise: false });
    },
  },
  {
    method: 'GET',
    path: '/user',
    access: 'read_user',
    summary: "The token's user (the bot user for a project access token)",
    async handle({ principal, url }) {
      const user = principal!.user;
      return json({
        ...userBasicJson(user, url),
        bot: user.userType === 'project_bot',
        is_admin: user.isAdmin,
      });
    },
  },
];
