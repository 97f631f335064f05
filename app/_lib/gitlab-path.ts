/**
 * GitLab's URL space: `/<full path>` is a group, a user or a project, and their own pages
 * follow `/-/` (`/acme/api/-/project_members`) or, for a project's settings, `/<project>/edit`.
 */
export function splitGitLabPath(segments: string[]): { fullPath: string; subpath: string[] } {
  const dash = segments.indexOf('-');
  if (dash >= 0) return { fullPath: segments.slice(0, dash).join('/'), subpath: segments.slice(dash + 1) };
  if (segments.length > 1 && segments.at(-1) === 'edit') return { fullPath: segments.slice(0, -1).join('/'), subpath: ['edit'] };
  return { fullPath: segments.join('/'), subpath: [] };
}
