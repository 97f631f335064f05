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
