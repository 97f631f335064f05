import { AccessLevel, isMemberAccessLevel, MEMBER_ACCESS_LEVELS, type MemberAccessLevel } from '../access-levels';
import { AppError } from '../errors';
import { PROJECT_TOKEN_SCOPES, type ProjectTokenScope } from './scopes';

export const MAX_TOKEN_NAME_LENGTH = 255;
export const MAX_TOKEN_DESCRIPTION_LENGTH = 255;

export const CREATION_DISABLED_MESSAGE =
  'Project access token creation is disabled in this group. You can still use and manage existing tokens.';
export const BOTS_CANNOT_CREATE_MESSAGE = 'Project access tokens cannot be used to create access tokens';
export const ACCESS_LEVEL_TOO_HIGH_MESSAGE = 'Access level of the token contains permissions not held by the creating user';

/** The roles a creator with this effective level may give a token: none above their own (Owner only for Owners). */
export function assignableTokenAccessLevels(creatorLevel: number): MemberAccessLevel[] {
  return MEMBER_ACCESS_LEVELS.filter((level) => level <= creatorLevel);
}

/** Whether a creator with `creatorLevel` may give a token the role `role`. */
export function mayAssignTokenAccessLevel(creatorLevel: number, role: number): boolean {
  return isMemberAccessLevel(role) && role <= creatorLevel && creatorLevel >= AccessLevel.Maintainer;
}

export function validateTokenName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new AppError('invalid', "Name can't be blank", 'name');
  if (name.length > MAX_TOKEN_NAME_LENGTH) {
    throw new AppError('invalid', `Name is too long (maximum is ${MAX_TOKEN_NAME_LENGTH} characters)`, 'name');
  }
  return name;
}

export function validateTokenDescription(raw: string | undefined): string {
  const description = (raw ?? '').trim();
  if (description.length > MAX_TOKEN_DESCRIPTION_LENGTH) {
    throw new AppError('invalid', `Description is too long (maximum is ${MAX_TOKEN_DESCRIPTION_LENGTH} characters)`, 'description');
  }
  return description;
}

/**
 * The scopes, de-duplicated and in the canonical order of `available` (a project token's scopes
 * unless told otherwise); at least one, all of them available.
 */
export function validateTokenScopes<Scope extends string = ProjectTokenScope>(
  raw: readonly string[],
  available: readonly Scope[] = PROJECT_TOKEN_SCOPES as unknown as readonly Scope[],
): Scope[] {
  if (raw.length === 0) throw new AppError('invalid', "Scopes can't be blank", 'scopes');
  if (!raw.every((scope) => (available as readonly string[]).includes(scope))) {
    throw new AppError('invalid', 'Scopes can only contain available scopes', 'scopes');
  }
  return available.filter((scope) => raw.includes(scope));
}

/** The token's role, if the creator may give it. */
export function validateTokenAccessLevel(creatorLevel: number, role: number): MemberAccessLevel {
  if (!isMemberAccessLevel(role)) throw new AppError('invalid', 'Access level is not included in the list', 'accessLevel');
  if (!mayAssignTokenAccessLevel(creatorLevel, role)) throw new AppError('invalid', ACCESS_LEVEL_TOO_HIGH_MESSAGE, 'accessLevel');
  return role;
}
