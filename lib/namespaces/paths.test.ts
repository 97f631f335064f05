import { describe, expect, it } from 'vitest';
import { pathFromName, pathProblem } from './paths';

describe('pathProblem', () => {
  it.each(['acme', 'a', 'my-group', 'my_group', 'v1.2', 'A9'])('accepts %s', (path) => {
    expect(pathProblem(path, 'top-level')).toBeNull();
  });
  it.each([
    ['', "can't be blank"],
    ['-', 'must start and end'],
    ['-lead', 'must start and end'],
    ['trail-', 'must start and end'],
    ['.hidden', 'must start and end'],
    ['has space', 'can contain only'],
    ['slash/inside', 'can contain only'],
    ['repo.git', '.git'],
    ['feed.atom', '.atom'],
    ['x'.repeat(256), 'too long'],
  ])('refuses %j (%s)', (path, message) => {
    expect(pathProblem(path, 'child')).toContain(message);
  });
  it.each(['admin', 'api', 'groups', 'Users', 'dashboard'])('reserves %s at the top level', (path) => {
    expect(pathProblem(path, 'top-level')).toContain('reserved');
  });
  it('allows top-level words below a group', () => {
    expect(pathProblem('api', 'child')).toBeNull();
  });
});

describe('pathFromName', () => {
  it('makes a path from a display name', () => {
    expect(pathFromName('  My Great Project! ')).toBe('my-great-project');
  });
});
