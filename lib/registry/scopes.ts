/**
 * The `scope` parameters of a registry token request (Distribution's token scope grammar):
 * `repository:<name>:<action>[,<action>…]`, e.g. `repository:acme/api/web:pull,push`. A request
 * may carry several, in several `scope` parameters or separated by spaces in one.
 */
export interface RequestedScope {
  /** `repository`, `registry`, … (a resource class in parentheses is kept: `repository(plugin)`). */
  type: string;
  name: string;
  actions: string[];
}

export type ScopeParseResult =
  { ok: true; scopes: RequestedScope[] } | { ok: false; code: 'INVALID_SCOPE' | 'NAME_INVALID'; message: string };

/** More than this in one request is refused: no client needs more than a push target and a few mount sources. */
export const MAX_SCOPES = 10;
/** Distribution's limit for a repository name. */
export const MAX_REPOSITORY_NAME_LENGTH = 255;

const TYPE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\([a-z0-9]+(?:[._-][a-z0-9]+)*\))?$/;
const ACTION = /^(?:[a-z]+|\*)$/;
/** One path component of a repository name, as Distribution's reference grammar has it. */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** Why a repository name is refused, or null when it is valid. */
export function repositoryNameError(name: string): string | null {
  if (name.length > MAX_REPOSITORY_NAME_LENGTH) return `repository name must not be longer than ${MAX_REPOSITORY_NAME_LENGTH} characters`;
  const segments = name.split('/');
  if (name.includes('\\') || segments.some((segment) => segment === '.' || segment === '..' || segment === '')) {
    return `invalid repository name "${name}": empty, "." and ".." path segments are not allowed`;
  }
  const bad = segments.find((segment) => !PATH_COMPONENT.test(segment));
  if (bad !== undefined) {
    return `invalid repository name "${name}": "${bad}" must be lowercase letters and digits, separated by ".", "_", "__" or "-"`;
  }
  return null;
}

function parseOne(scope: string): RequestedScope | Extract<ScopeParseResult, { ok: false }> {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  const malformed = (why: string) =>
    ({
      ok: false,
      code: 'INVALID_SCOPE',
      message: `invalid scope "${scope}": ${why} (expected type:name:actions, e.g. repository:group/project:pull,push)`,
    }) as const;
  if (first <= 0 || last === first) return malformed('it needs a type, a name and actions separated by ":"');
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const actions = scope.slice(last + 1).split(',');
  if (!TYPE.test(type)) return malformed(`"${type}" is not a resource type`);
  if (name === '') return malformed('the name is empty');
  if (actions.some((action) => !ACTION.test(action))) return malformed('actions must be lowercase words separated by ","');
  if (type === 'repository') {
    const error = repositoryNameError(name);
    if (error) return { ok: false, code: 'NAME_INVALID', message: error };
  }
  return { type, name, actions: [...new Set(actions)] };
}

/** Parses every `scope` value; requests for the same resource are merged. */
export function parseRegistryScopes(values: readonly string[]): ScopeParseResult {
  const parts = values.flatMap((value) => value.split(/\s+/)).filter((part) => part !== '');
  if (parts.length > MAX_SCOPES) {
    return { ok: false, code: 'INVALID_SCOPE', message: `too many scopes: at most ${MAX_SCOPES} in one request` };
  }
  const merged = new Map<string, RequestedScope>();
  for (const part of parts) {
    const parsed = parseOne(part);
    if ('ok' in parsed) return parsed;
    const key = `${parsed.type}\n${parsed.name}`;
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, actions: [...new Set([...existing.actions, ...parsed.actions])] } : parsed);
  }
  return { ok: true, scopes: [...merged.values()] };
}

/** Every path prefix of a repository name that could be a project (`a/b/c` → `a/b/c`, `a/b`), longest first. */
export function projectPathCandidates(name: string): string[] {
  const segments = name.split('/');
  const candidates: string[] = [];
  for (let length = segments.length; length >= 2; length--) candidates.push(segments.slice(0, length).join('/'));
  return candidates;
}
