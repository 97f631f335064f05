import { AccessLevel } from '../access-levels';

/**
 * Who may do what, as data: the minimum effective access level for each action. Every mutation
 * in lib/ asks `can`; hiding a button is never the check.
 */
export const PROJECT_PERMISSIONS = {
  read_project: AccessLevel.Guest,
  read_members: AccessLevel.Guest,
  read_code: AccessLevel.Reporter,
  push_code: AccessLevel.Developer,
  manage_members: AccessLevel.Maintainer,
  manage_access_tokens: AccessLevel.Maintainer,
  admin_project: AccessLevel.Maintainer,
  remove_project: AccessLevel.Owner,
} as const;

export const GROUP_PERMISSIONS = {
  read_group: AccessLevel.Guest,
  read_members: AccessLevel.Guest,
  create_project: AccessLevel.Maintainer,
  manage_members: AccessLevel.Maintainer,
  create_subgroup: AccessLevel.Owner,
  admin_group: AccessLevel.Owner,
} as const;

export type ProjectAction = keyof typeof PROJECT_PERMISSIONS;
export type GroupAction = keyof typeof GROUP_PERMISSIONS;

export const PROJECT_ACTIONS = Object.keys(PROJECT_PERMISSIONS) as ProjectAction[];
export const GROUP_ACTIONS = Object.keys(GROUP_PERMISSIONS) as GroupAction[];

/**
 * What the actor has on one project or group: their effective level (highest membership that
 * applies, or Owner for admins and personal-namespace owners) and whether they may see it at all.
 */
export interface Access {
  level: number;
  canView: boolean;
}

export function canOnProject(access: Access, action: ProjectAction): boolean {
  if (!access.canView) return false;
  // Reading a visible project needs no membership: that is what visibility means.
  if (action === 'read_project' || action === 'read_members') return true;
  return access.level >= PROJECT_PERMISSIONS[action];
}

export function canOnGroup(access: Access, action: GroupAction): boolean {
  if (!access.canView) return false;
  if (action === 'read_group' || action === 'read_members') return true;
  return access.level >= GROUP_PERMISSIONS[action];
}
