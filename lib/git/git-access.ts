import type { ClientAbility } from '../auth/abilities';
import { canOnProject, type Access } from '../permissions/rules';
import type { GitOperation } from './git-route';

/** GitLab's answers, word for word where GitLab has one. */
export const GIT_MESSAGES = {
  accessDenied:
    "HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or you're required to use a token instead of a password. If a token was provided, it was either incorrect, expired, or improperly scoped.",
  notFound: "The project you were looking for could not be found or you don't have permission to view it.",
  downloadForbidden: 'You are not allowed to download code from this project.',
  pushForbidden: 'You are not allowed to push code to this project.',
  banned: 'Forbidden: too many failed authentication attempts from this address. Try again later.',
} as const;

export type GitAccessDecision = { allowed: true } | { allowed: false; status: 401 | 403 | 404; message: string };

export interface GitAccessInput {
  /** Whether the client presented valid credentials (a token or a password). */
  authenticated: boolean;
  /** What the credentials allow (a token's scopes); ignored for anonymous clients. */
  abilities: ReadonlySet<ClientAbility>;
  /** The client's access to the project; null when there is no project at that path. */
  access: Access | null;
  visibility: 'private' | 'internal' | 'public';
  operation: GitOperation;
}

const unauthorized: GitAccessDecision = { allowed: false, status: 401, message: GIT_MESSAGES.accessDenied };

/**
 * May this client clone/fetch or push? Existence is never revealed: an anonymous client is asked
 * for credentials, an authenticated one who cannot see the project gets 404. Code of a Public or
 * Internal project is readable by whoever sees it; a Private one needs Reporter. Pushing needs
 * Developer. The credentials' abilities (token scopes) must allow the operation as well.
 */
export function decideGitAccess(input: GitAccessInput): GitAccessDecision {
  const { access, authenticated } = input;
  if (!access || !access.canView) return authenticated ? { allowed: false, status: 404, message: GIT_MESSAGES.notFound } : unauthorized;
  if (input.operation === 'download') {
    const roleAllows = input.visibility !== 'private' || canOnProject(access, 'read_code');
    if (!authenticated) return roleAllows ? { allowed: true } : unauthorized;
    if (!input.abilities.has('download_code') || !roleAllows) {
      return { allowed: false, status: 403, message: GIT_MESSAGES.downloadForbidden };
    }
    return { allowed: true };
  }
  if (!authenticated) return unauthorized;
  if (!input.abilities.has('push_code') || !canOnProject(access, 'push_code')) {
    return { allowed: false, status: 403, message: GIT_MESSAGES.pushForbidden };
  }
  return { allowed: true };
}
