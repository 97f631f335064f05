import type { Visibility } from '@/db/schema';
import type { ClientAbility } from '../auth/abilities';
import { canOnProject, type Access } from '../permissions/rules';

/** The registry actions Keyhold grants; anything else (`delete`, `*`) is never granted. */
export const REGISTRY_ACTIONS = ['pull', 'push'] as const;
export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];

/** Who asks for a registry token, once authenticated. */
export type RegistryClient =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      /** The token's or password's abilities (GitLab's authentication abilities). */
      abilities: ReadonlySet<ClientAbility>;
      /** A project access token reaches only its own project; null for personal tokens and passwords. */
      tokenProjectId: number | null;
    };

/** What an anonymous client may do, as GitLab's read-only authentication abilities. */
export const ANONYMOUS_ABILITIES: ReadonlySet<ClientAbility> = new Set(['download_code', 'read_container_image']);

/** The project a repository belongs to, and what the client's user has on it. */
export interface RepositoryProject {
  projectId: number;
  visibility: Visibility;
  access: Access;
}

/**
 * The actions granted on one repository, in the order requested. A scope opens a door and the role
 * decides who walks through, as in GitLab:
 * - pull: `read_container_image` (scopes `read_registry`, `write_registry`, `read_api`, `api`) and
 *   Reporter+ (GitLab's read_container_image, the same level as reading code); on a public or internal
 *   project anyone who can see it (anonymous too, for public ones);
 * - push: `create_container_image` (scopes `write_registry`, `api`) and Developer+;
 * - a repository of no project, or outside a project token's project: nothing.
 */
export function grantedRegistryActions(
  client: RegistryClient,
  project: RepositoryProject | null,
  requested: readonly string[],
): RegistryAction[] {
  if (!project) return [];
  if (client.kind === 'user' && client.tokenProjectId !== null && client.tokenProjectId !== project.projectId) return [];
  const abilities = client.kind === 'user' ? client.abilities : ANONYMOUS_ABILITIES;
  const may: Record<RegistryAction, boolean> = {
    pull:
      abilities.has('read_container_image') &&
      (canOnProject(project.access, 'read_code') || (project.access.canView && project.visibility !== 'private')),
    push: client.kind === 'user' && abilities.has('create_container_image') && canOnProject(project.access, 'push_code'),
  };
  return REGISTRY_ACTIONS.filter((action) => requested.includes(action) && may[action]).sort(
    (a, b) => requested.indexOf(a) - requested.indexOf(b),
  );
}

/** Whether these abilities reach the registry at all (GitLab answers 403 to a token request otherwise). */
export function hasRegistryAbility(abilities: ReadonlySet<ClientAbility>): boolean {
  return abilities.has('read_container_image') || abilities.has('create_container_image');
}
