/**
 * GitLab's smart HTTP URLs: `/<project full path>.git/info/refs?service=…`,
 * `/<project full path>.git/git-upload-pack` and `/<project full path>.git/git-receive-pack`.
 */
export type GitService = 'git-upload-pack' | 'git-receive-pack';
export const GIT_SERVICES: readonly GitService[] = ['git-upload-pack', 'git-receive-pack'];

/** Clone/fetch, or push. */
export type GitOperation = 'download' | 'push';

export interface GitRoute {
  /** The project's full path as written in the URL, e.g. `acme/platform/api`. */
  projectPath: string;
  /** `info/refs` (the advertisement) or the service endpoint itself. */
  endpoint: 'info/refs' | GitService;
}

/** One path segment as GitLab allows it; `.` and `..` never match. */
const SEGMENT = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const ENDPOINT = /^\/(.+)\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/** Whether a URL path names a Git endpoint at all (for routing; validate with parseGitRoute). */
export function isGitPath(pathname: string): boolean {
  return /\.git\/(?:info\/refs|git-upload-pack|git-receive-pack)$/.test(pathname);
}

/**
 * Parses the URL path of a Git request. Null for anything malformed: percent-encoding, empty,
 * `.`/`..` or absolute segments, characters a GitLab path cannot hold. The project is then looked
 * up by this path in the database; no part of the URL ever becomes a file-system path.
 */
export function parseGitRoute(pathname: string): GitRoute | null {
  if (pathname.length > 1024 || pathname.includes('%') || pathname.includes('\\')) return null;
  const match = ENDPOINT.exec(pathname);
  if (!match) return null;
  const projectPath = match[1] ?? '';
  const segments = projectPath.split('/');
  if (segments.length < 2 || !segments.every((segment) => SEGMENT.test(segment) && !segment.includes('..'))) return null;
  return { projectPath, endpoint: match[2] as GitRoute['endpoint'] };
}

/** The operation a request asks for: `info/refs?service=` names it, the endpoint otherwise. Null: unsupported. */
export function gitServiceOf(route: GitRoute, service: string | null): GitService | null {
  if (route.endpoint !== 'info/refs') return route.endpoint;
  return GIT_SERVICES.find((known) => known === service) ?? null;
}

export function operationOf(service: GitService): GitOperation {
  return service === 'git-receive-pack' ? 'push' : 'download';
}
