/**
 * What a token's scopes let a Git or registry client do, as GitLab's Gitlab::Auth maps them.
 * The role still has to allow the action too: a scope opens a door, the role decides who may walk through.
 */
export const CLIENT_ABILITIES = ['download_code', 'push_code', 'read_container_image', 'create_container_image'] as const;
export type ClientAbility = (typeof CLIENT_ABILITIES)[number];

const ABILITIES_OF_SCOPE: Record<string, readonly ClientAbility[]> = {
  api: CLIENT_ABILITIES,
  read_api: ['download_code', 'read_container_image'],
  read_repository: ['download_code'],
  write_repository: ['download_code', 'push_code'],
  read_registry: ['read_container_image'],
  write_registry: ['read_container_image', 'create_container_image'],
};

/** The union of the abilities of each scope; unknown scopes add nothing. */
export function abilitiesForScopes(scopes: readonly string[]): Set<ClientAbility> {
  return new Set(scopes.flatMap((scope) => ABILITIES_OF_SCOPE[scope] ?? []));
}

/** A human signing in with username and password may do everything their role allows. */
export const PASSWORD_ABILITIES: ReadonlySet<ClientAbility> = new Set(CLIENT_ABILITIES);
