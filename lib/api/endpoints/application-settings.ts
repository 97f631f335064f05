import 'server-only';
import { applicationSettingsForAdmin, updateApplicationSettings, type ApplicationSettingsDto } from '../../settings/application-settings';
import { isInstanceAdmin } from '../../permissions';
import { optionalBoolean, optionalInteger, optionalString, ParamError, type Params } from '../params';
import { badRequest, forbidden, json } from '../responses';
import type { ApiRoute } from '../router';

/** GitLab's application settings JSON (the settings Keyhold has), plus Keyhold's own two. */
function applicationSettingsJson(settings: ApplicationSettingsDto) {
  return {
    id: 1,
    max_personal_access_token_lifetime: settings.maxAccessTokenLifetimeDays,
    personal_access_token_prefix: settings.tokenPrefix,
    signup_enabled: settings.signupEnabled,
    resource_access_token_creation_default: settings.projectAccessTokenCreationDefault,
    bots_can_read_internal_projects: settings.botsCanReadInternalProjects,
    password_authentication_enabled_for_git: settings.passwordAuthenticationEnabledForGit,
    generic_packages_max_file_size: settings.genericPackagesMaxFileSize,
    generic_duplicates_allowed: settings.genericDuplicatesAllowed,
    updated_at: settings.updatedAt.toISOString(),
  };
}

/** `max_personal_access_token_lifetime`: a whole number of days, or null/'' for the default. */
function lifetimeParam(params: Params): number | null | undefined {
  if (!('max_personal_access_token_lifetime' in params)) return undefined;
  const value = params.max_personal_access_token_lifetime;
  if (value === null || value === '') return null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  throw new ParamError(badRequest('max_personal_access_token_lifetime is invalid'));
}

export const applicationSettingsRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/application/settings',
    access: 'read',
    summary: 'The instance settings (admins)',
    async handle({ principal }) {
      if (!isInstanceAdmin(principal!.user)) return forbidden();
      return json(applicationSettingsJson(await applicationSettingsForAdmin(principal!.user)));
    },
  },
  {
    method: 'PUT',
    path: '/application/settings',
    access: 'write',
    summary:
      'Change instance settings (admins): max_personal_access_token_lifetime, personal_access_token_prefix, signup_enabled, resource_access_token_creation_default, bots_can_read_internal_projects, password_authentication_enabled_for_git, generic_packages_max_file_size, generic_duplicates_allowed',
    async handle({ params, principal, now, ipAddress }) {
      if (!isInstanceAdmin(principal!.user)) return forbidden();
      const { settings } = await updateApplicationSettings({
        actor: principal!.user,
        maxAccessTokenLifetimeDays: lifetimeParam(params),
        tokenPrefix: optionalString(params, 'personal_access_token_prefix'),
        signupEnabled: optionalBoolean(params, 'signup_enabled'),
        projectAccessTokenCreationDefault: optionalBoolean(params, 'resource_access_token_creation_default'),
        botsCanReadInternalProjects: optionalBoolean(params, 'bots_can_read_internal_projects'),
        passwordAuthenticationEnabledForGit: optionalBoolean(params, 'password_authentication_enabled_for_git'),
        genericPackagesMaxFileSize: optionalInteger(params, 'generic_packages_max_file_size'),
        genericDuplicatesAllowed: optionalBoolean(params, 'generic_duplicates_allowed'),
        now,
        ipAddress,
      });
      return json(applicationSettingsJson(settings));
    },
  },
];
