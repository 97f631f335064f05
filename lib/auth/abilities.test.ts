import { describe, expect, it } from 'vitest';
import { abilitiesForScopes, CLIENT_ABILITIES, type ClientAbility } from './abilities';

// Every scope against every ability: what GitLab's abilities_for_scopes grants.
const EXPECTED: Record<string, ClientAbility[]> = {
  api: ['download_code', 'push_code', 'read_container_image', 'create_container_image'],
  read_api: ['download_code', 'read_container_image'],
  read_user: [],
  read_repository: ['download_code'],
  write_repository: ['download_code', 'push_code'],
  read_registry: ['read_container_image'],
  write_registry: ['read_container_image', 'create_container_image'],
  sudo: [],
  made_up: [],
};

describe('abilitiesForScopes', () => {
  for (const [scope, granted] of Object.entries(EXPECTED)) {
    for (const ability of CLIENT_ABILITIES) {
      it(`${scope} ${granted.includes(ability) ? 'grants' : 'does not grant'} ${ability}`, () => {
        expect(abilitiesForScopes([scope]).has(ability)).toBe(granted.includes(ability));
      });
    }
  }

  it('unites the abilities of several scopes', () => {
    expect([...abilitiesForScopes(['read_repository', 'read_registry'])].sort()).toEqual(['download_code', 'read_container_image']);
  });
});
