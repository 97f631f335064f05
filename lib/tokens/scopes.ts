/** The scopes a project access token can have (GitLab's, in GitLab's order). Pure: safe for client components. */
export const PROJECT_TOKEN_SCOPES = ['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry'] as const;

export type ProjectTokenScope = (typeof PROJECT_TOKEN_SCOPES)[number];

/** GitLab's descriptions, as the Access Tokens page shows them next to each checkbox. */
export const SCOPE_DESCRIPTIONS: Record<ProjectTokenScope, string> = {
  api: 'Grants complete read and write access to the scoped project API, including the Package Registry.',
  read_api: 'Grants read access to the scoped project API, including the Package Registry.',
  read_repository: 'Grants read access (pull) to the repository.',
  write_repository: 'Grants read and write access (pull and push) to the repository.',
  read_registry: 'Grants read access (pull) to the Container Registry images if a project is private and authorization is required.',
  write_registry: 'Grants write access (push) to the Container Registry.',
};

export function isProjectTokenScope(value: string): value is ProjectTokenScope {
  return (PROJECT_TOKEN_SCOPES as readonly string[]).includes(value);
}

/** The scopes a personal access token can have, in GitLab's order. */
export const PERSONAL_TOKEN_SCOPES = ['api', 'read_api', 'read_user', 'read_repository', 'write_repository'] as const;

export type PersonalTokenScope = (typeof PERSONAL_TOKEN_SCOPES)[number];

/** GitLab's descriptions of the personal scopes: a personal token acts for its user everywhere, not in one project. */
export const PERSONAL_SCOPE_DESCRIPTIONS: Record<PersonalTokenScope, string> = {
  api: 'Grants complete read and write access to the API, including all groups and projects.',
  read_api: 'Grants read access to the API, including all groups and projects.',
  read_user: 'Grants read-only access to your profile through the /user API endpoint, which includes username and full name.',
  read_repository: 'Grants read-only access to repositories on private projects using Git over HTTP.',
  write_repository: 'Grants read and write access to repositories on private projects using Git over HTTP (not using the API).',
};

export function isPersonalTokenScope(value: string): value is PersonalTokenScope {
  return (PERSONAL_TOKEN_SCOPES as readonly string[]).includes(value);
}
