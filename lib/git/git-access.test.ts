import { describe, expect, it } from 'vitest';
import { AccessLevel } from '../access-levels';
import { abilitiesForScopes, PASSWORD_ABILITIES } from '../auth/abilities';
import { decideGitAccess } from './git-access';

const SCOPES = ['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry'];
const ROLES = [
  AccessLevel.NoAccess,
  AccessLevel.Guest,
  AccessLevel.Reporter,
  AccessLevel.Developer,
  AccessLevel.Maintainer,
  AccessLevel.Owner,
];
const DOWNLOAD_SCOPES = new Set(['api', 'read_api', 'read_repository', 'write_repository']);
const PUSH_SCOPES = new Set(['api', 'write_repository']);

describe('decideGitAccess: every scope × role × operation on a Private project', () => {
  const rows = SCOPES.flatMap((scope) =>
    ROLES.flatMap((level) => (['download', 'push'] as const).map((operation) => ({ scope, level, operation }))),
  );
  it.each(rows)('$scope, level $level, $operation', ({ scope, level, operation }) => {
    const access = { level, canView: level > AccessLevel.NoAccess };
    const decision = decideGitAccess({
      authenticated: true,
      abilities: abilitiesForScopes([scope]),
      access,
      visibility: 'private',
      operation,
    });
    if (!access.canView) {
      expect(decision).toMatchObject({ allowed: false, status: 404 });
      return;
    }
    const allowed =
      operation === 'download'
        ? DOWNLOAD_SCOPES.has(scope) && level >= AccessLevel.Reporter
        : PUSH_SCOPES.has(scope) && level >= AccessLevel.Developer;
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expect(decision).toMatchObject({ status: 403 });
  });
});

describe('decideGitAccess: visibility and anonymous clients', () => {
  const none = { level: AccessLevel.NoAccess, canView: false };
  const outsider = { level: AccessLevel.NoAccess, canView: true };

  it('asks anonymous clients for credentials unless the project is Public, and always for a push', () => {
    const anonymous = { authenticated: false, abilities: new Set<never>() };
    expect(decideGitAccess({ ...anonymous, access: outsider, visibility: 'public', operation: 'download' })).toEqual({ allowed: true });
    expect(decideGitAccess({ ...anonymous, access: outsider, visibility: 'public', operation: 'push' })).toMatchObject({ status: 401 });
    expect(decideGitAccess({ ...anonymous, access: none, visibility: 'private', operation: 'download' })).toMatchObject({ status: 401 });
    // An unknown project looks exactly like a Private one.
    expect(decideGitAccess({ ...anonymous, access: null, visibility: 'private', operation: 'download' })).toMatchObject({ status: 401 });
  });

  it('answers 404 to an authenticated client who cannot see the project, or when there is none', () => {
    const client = { authenticated: true, abilities: PASSWORD_ABILITIES };
    expect(decideGitAccess({ ...client, access: none, visibility: 'private', operation: 'download' })).toMatchObject({ status: 404 });
    expect(decideGitAccess({ ...client, access: null, visibility: 'private', operation: 'push' })).toMatchObject({ status: 404 });
  });

  it('lets whoever sees a Public or Internal project read its code, Guests included, but not push', () => {
    for (const visibility of ['public', 'internal'] as const) {
      for (const level of [AccessLevel.NoAccess, AccessLevel.Guest]) {
        const access = { level, canView: true };
        expect(
          decideGitAccess({
            authenticated: true,
            abilities: abilitiesForScopes(['read_repository']),
            access,
            visibility,
            operation: 'download',
          }),
        ).toEqual({
          allowed: true,
        });
        expect(
          decideGitAccess({ authenticated: true, abilities: PASSWORD_ABILITIES, access, visibility, operation: 'push' }),
        ).toMatchObject({ status: 403 });
      }
    }
  });
});
