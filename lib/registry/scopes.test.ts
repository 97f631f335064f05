import { describe, expect, it } from 'vitest';
import { parseRegistryScopes, projectPathCandidates, repositoryNameError } from './scopes';

describe('parseRegistryScopes', () => {
  it('reads type, name and actions', () => {
    expect(parseRegistryScopes(['repository:acme/api/web:pull,push'])).toEqual({
      ok: true,
      scopes: [{ type: 'repository', name: 'acme/api/web', actions: ['pull', 'push'] }],
    });
  });

  it('takes several scopes, in several parameters or separated by spaces, and merges repeats', () => {
    expect(parseRegistryScopes(['repository:acme/api:pull repository:acme/lib:pull', 'repository:acme/api:push', ''])).toEqual({
      ok: true,
      scopes: [
        { type: 'repository', name: 'acme/api', actions: ['pull', 'push'] },
        { type: 'repository', name: 'acme/lib', actions: ['pull'] },
      ],
    });
  });

  it('keeps other resource types (they are granted nothing) without checking their names as repositories', () => {
    expect(parseRegistryScopes(['registry:catalog:*'])).toEqual({
      ok: true,
      scopes: [{ type: 'registry', name: 'catalog', actions: ['*'] }],
    });
  });

  it('no scope at all is fine (docker login asks that way)', () => {
    expect(parseRegistryScopes([])).toEqual({ ok: true, scopes: [] });
  });
});

describe('repositoryNameError', () => {
  it.each(['acme/api', 'acme/api/web', 'a-b/c.d/e__f/g_h', 'a/b---c'])('accepts %s', (name) => {
    expect(repositoryNameError(name)).toBeNull();
  });
  it.each([
    'acme/../api',
    './acme/api',
    'acme//api',
    'acme/api/',
    '/acme/api',
    'acme\\api',
    'acme/.api',
    'Acme/api',
    'acme/api:tag',
    'acme/-api',
  ])('refuses %s', (name) => {
    expect(repositoryNameError(name)).toMatch(/invalid repository name/);
  });
});

describe('projectPathCandidates', () => {
  it('lists the prefixes that could be a project, longest first', () => {
    expect(projectPathCandidates('a/b/c/d')).toEqual(['a/b/c/d', 'a/b/c', 'a/b']);
    expect(projectPathCandidates('alpine')).toEqual([]);
  });
});
