import { describe, expect, it } from 'vitest';
import { AccessLevel, MEMBER_ACCESS_LEVELS } from '../access-levels';
import { AppError } from '../errors';
import { PROJECT_TOKEN_SCOPES, SCOPE_DESCRIPTIONS } from './scopes';
import {
  assignableTokenAccessLevels,
  mayAssignTokenAccessLevel,
  validateTokenAccessLevel,
  validateTokenDescription,
  validateTokenName,
  validateTokenScopes,
} from './token-rules';

function fieldError(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  return null;
}

describe('which role a creator may give a token', () => {
  const creators = [AccessLevel.NoAccess, ...MEMBER_ACCESS_LEVELS];
  const rows = creators.flatMap((creator) => MEMBER_ACCESS_LEVELS.map((role) => ({ creator, role })));
  it.each(rows)('creator $creator, role $role', ({ creator, role }) => {
    const expected = creator >= AccessLevel.Maintainer && role <= creator;
    expect(mayAssignTokenAccessLevel(creator, role)).toBe(expected);
  });

  it('lists the assignable roles: Maintainers up to Maintainer, Owners everything', () => {
    expect(assignableTokenAccessLevels(AccessLevel.Maintainer)).toEqual([10, 20, 30, 40]);
    expect(assignableTokenAccessLevels(AccessLevel.Owner)).toEqual([10, 20, 30, 40, 50]);
  });

  it("refuses roles outside GitLab's list and roles above the creator", () => {
    expect(fieldError(() => validateTokenAccessLevel(50, 45))).toMatchObject({ field: 'accessLevel', code: 'invalid' });
    expect(fieldError(() => validateTokenAccessLevel(50, 0))).toMatchObject({ field: 'accessLevel' });
    expect(fieldError(() => validateTokenAccessLevel(40, 50))).toEqual({
      code: 'invalid',
      field: 'accessLevel',
      message: 'Access level of the token contains permissions not held by the creating user',
    });
  });
});

describe('name, description and scopes', () => {
  it('trims the name and limits it to 255 characters', () => {
    expect(validateTokenName('  deploy  ')).toBe('deploy');
    expect(validateTokenName('x'.repeat(255))).toHaveLength(255);
    expect(fieldError(() => validateTokenName('x'.repeat(256)))).toMatchObject({
      field: 'name',
      message: 'Name is too long (maximum is 255 characters)',
    });
    expect(fieldError(() => validateTokenName('   '))).toMatchObject({ field: 'name', message: "Name can't be blank" });
  });

  it('limits the description to 255 characters', () => {
    expect(validateTokenDescription(undefined)).toBe('');
    expect(fieldError(() => validateTokenDescription('d'.repeat(256)))).toMatchObject({ field: 'description' });
  });

  it('needs at least one known scope and keeps them unique, in canonical order', () => {
    expect(validateTokenScopes(['write_registry', 'api', 'api'])).toEqual(['api', 'write_registry']);
    expect(fieldError(() => validateTokenScopes([]))).toMatchObject({ field: 'scopes', message: "Scopes can't be blank" });
    expect(fieldError(() => validateTokenScopes(['api', 'sudo']))).toMatchObject({
      field: 'scopes',
      message: 'Scopes can only contain available scopes',
    });
  });

  it('describes every scope', () => {
    expect(PROJECT_TOKEN_SCOPES).toEqual(['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry']);
    for (const scope of PROJECT_TOKEN_SCOPES) expect(SCOPE_DESCRIPTIONS[scope].length).toBeGreaterThan(10);
  });
});
