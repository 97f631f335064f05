/**
 * GitLab's path rules for usernames, groups and projects: letters, digits, `_`, `-` and `.`,
 * starting and ending with a letter or digit, not ending in `.git` or `.atom`, and not a word
 * the application's own URLs use.
 */
const PATH_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;
export const MAX_PATH_LENGTH = 255;
export const MAX_NAME_LENGTH = 255;

/** First segments that the application's own routes take. */
const RESERVED_TOP_LEVEL = new Set([
  '-',
  'admin',
  'api',
  'assets',
  'dashboard',
  'explore',
  'favicon.ico',
  'files',
  'groups',
  'health',
  'healthz',
  'help',
  'jwt',
  'login',
  'logout',
  'new',
  'oauth',
  'profile',
  'projects',
  'public',
  'readiness',
  'robots.txt',
  's',
  'search',
  'sent_notifications',
  'snippets',
  'u',
  'uploads',
  'user_settings',
  'users',
  'v2',
  '_next',
  'static',
]);

/** Segments that would collide with routes under a group or project. */
const RESERVED_CHILD = new Set(['-', 'edit', 'new', 'tree', 'blob', 'raw', 'info', 'objects', 'hooks']);

export type PathScope = 'top-level' | 'child';

/** Why `path` is not acceptable, or null when it is. */
export function pathProblem(path: string, scope: PathScope): string | null {
  if (path.length === 0) return "can't be blank";
  if (path.length > MAX_PATH_LENGTH) return `is too long (maximum is ${MAX_PATH_LENGTH} characters)`;
  if (!PATH_PATTERN.test(path)) {
    return "can contain only letters, digits, '_', '-' and '.', and must start and end with a letter or digit";
  }
  if (/\.(git|atom)$/i.test(path)) return "can't end in .git or .atom";
  const reserved = scope === 'top-level' ? RESERVED_TOP_LEVEL : RESERVED_CHILD;
  if (reserved.has(path.toLowerCase())) return `"${path}" is reserved`;
  return null;
}

/** A path suggested from a display name: "My Project!" → "my-project". */
export function pathFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, MAX_PATH_LENGTH);
}

export function nameProblem(name: string): string | null {
  if (name.trim().length === 0) return "can't be blank";
  if (name.length > MAX_NAME_LENGTH) return `is too long (maximum is ${MAX_NAME_LENGTH} characters)`;
  return null;
}
