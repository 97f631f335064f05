import type { Actor } from '../actor';
import type { PersonalAccessTokenDto } from '../tokens/personal-access-tokens';
import type { ProjectAccessTokenDto } from '../tokens/project-access-tokens';
import type { VisibleProjectRow } from '../projects/list-visible-projects';

/** The instance's public base URL for links in API answers: KEYHOLD_URL, else the request's origin. */
export function baseUrl(url: URL): string {
  return (process.env.KEYHOLD_URL || url.origin).replace(/\/+$/, '');
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The fields GitLab's personal and project access token JSON share. */
function tokenJsonFields(token: PersonalAccessTokenDto | ProjectAccessTokenDto) {
  return {
    id: token.id,
    name: token.name,
    // GitLab answers null for a token created without a description.
    description: token.description || null,
    revoked: token.revoked,
    created_at: iso(token.createdAt),
    scopes: token.scopes,
    user_id: token.userId,
    last_used_at: iso(token.lastUsedAt),
    active: token.active,
    expires_at: token.expiresAt,
  };
}

/** GitLab's project access token JSON. `token` only on create and rotate. */
export function projectAccessTokenJson(token: ProjectAccessTokenDto, secret?: string) {
  return {
    ...tokenJsonFields(token),
    last_used_ips: token.lastUsedIps,
    access_level: token.accessLevel,
    resource_type: 'project',
    resource_id: token.projectId,
    ...(secret === undefined ? {} : { token: secret }),
  };
}

/** GitLab's basic user JSON. */
export function userBasicJson(user: Pick<Actor, 'id' | 'username' | 'name'> & { state?: string }, url: URL) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: user.state ?? 'active',
    locked: false,
    avatar_url: null,
    web_url: `${baseUrl(url)}/${user.username}`,
  };
}

export function projectJson(project: VisibleProjectRow, url: URL) {
  const web = `${baseUrl(url)}/${project.fullPath}`;
  return {
    id: project.id,
    description: project.description || null,
    name: project.name,
    name_with_namespace: `${project.namespace.name} / ${project.name}`,
    path: project.path,
    path_with_namespace: project.fullPath,
    created_at: iso(project.createdAt),
    default_branch: 'main',
    visibility: project.visibility,
    web_url: web,
    http_url_to_repo: `${web}.git`,
    ssh_url_to_repo: null,
    readme_url: null,
    avatar_url: null,
    namespace: {
      id: project.namespace.id,
      name: project.namespace.name,
      path: project.namespace.path,
      kind: project.namespace.kind,
      full_path: project.namespace.fullPath,
      parent_id: null,
      web_url: `${baseUrl(url)}/${project.namespace.kind === 'group' ? 'groups/' : ''}${project.namespace.fullPath}`,
    },
  };
}

/** GitLab's personal access token JSON. `token` only on create and rotate. */
export function personalAccessTokenJson(token: PersonalAccessTokenDto, secret?: string) {
  return { ...tokenJsonFields(token), ...(secret === undefined ? {} : { token: secret }) };
}
