import 'server-only';
import type { Actor } from '../actor';
import { getInstanceSettings } from '../settings/instance-settings';
import { authenticateToken } from '../tokens/authenticate';
import { looksLikeKeyholdToken } from '../tokens/token-format';
import { verifyCredentials } from '../users/users';
import { parseBasicAuthorization } from '../http/basic-authorization';
import { abilitiesForScopes, PASSWORD_ABILITIES, type ClientAbility } from './abilities';
import { ipBanStatus, recordAuthenticationFailure, resetAuthenticationFailures, type IpBanPolicy } from './ip-ban';

/** Why a Git or registry client was refused (for messages and logs; every one counts for the ban). */
export type GitClientDenial = 'invalid' | 'expired' | 'revoked' | 'blocked' | 'fips' | 'password_disabled';

/** Who a Git (or registry) client is, from its HTTP Basic credentials. */
export type GitClientAuthentication =
  /** No Authorization header at all. */
  | { kind: 'anonymous' }
  | {
      kind: 'token';
      user: Actor;
      token: { id: number; kind: 'personal' | 'project'; scopes: string[]; projectId: number | null };
      abilities: ReadonlySet<ClientAbility>;
    }
  /** A human's username or e-mail and password, only when the instance allows password authentication for Git. */
  | { kind: 'password'; user: Actor; abilities: ReadonlySet<ClientAbility> }
  /** Bad or empty credentials, a revoked/expired token, a blocked user, FIPS …: counted as a failure for the ban. */
  | { kind: 'denied'; reason?: GitClientDenial }
  /** The client's address is banned: answered without touching the token table. */
  | { kind: 'banned' };

export interface AuthenticateGitClientOptions {
  /** The client's address: the ban is counted per address, and tokens remember it. */
  ipAddress: string | null;
  now?: Date;
  /** The ban policy; defaults to the environment's (see lib/auth/ip-ban.ts). */
  banPolicy?: IpBanPolicy;
}

/**
 * Authenticates a Git client as GitLab does: HTTP Basic with any non-blank user name and an access
 * token (personal or project) as the password, or, when the instance allows it, a person's
 * username/e-mail and password. A banned address is refused before any credential is looked at;
 * every failure counts towards the ban and a success resets the count.
 */
export async function authenticateGitClient(
  authorization: string | null,
  options: AuthenticateGitClientOptions,
): Promise<GitClientAuthentication> {
  if (authorization === null || authorization.trim() === '') return { kind: 'anonymous' };
  const now = options.now ?? new Date();
  const banOptions = { now, policy: options.banPolicy };
  const status = await ipBanStatus(options.ipAddress, banOptions);
  if (status.banned) return { kind: 'banned' };

  const result = await identify(authorization, options.ipAddress, now);
  if (result.kind === 'denied') {
    const { banned } = await recordAuthenticationFailure(options.ipAddress, banOptions);
    return banned ? { kind: 'banned' } : result;
  }
  if (status.hasFailures) await resetAuthenticationFailures(options.ipAddress, banOptions);
  return result;
}

async function identify(
  authorization: string,
  ipAddress: string | null,
  now: Date,
): Promise<Exclude<GitClientAuthentication, { kind: 'anonymous' } | { kind: 'banned' }>> {
  const credentials = parseBasicAuthorization(authorization);
  if (!credentials || !credentials.username.trim() || !credentials.password) return { kind: 'denied', reason: 'invalid' };
  const { username, password } = credentials;

  const token = await authenticateToken(password, { now, ipAddress });
  if (token.ok) {
    return {
      kind: 'token',
      user: token.user,
      token: { id: token.token.id, kind: token.token.kind, scopes: token.token.scopes, projectId: token.token.projectId },
      abilities: abilitiesForScopes(token.token.scopes),
    };
  }
  if (token.reason !== 'unknown') return { kind: 'denied', reason: token.reason === 'fips' ? 'fips' : token.reason };
  // Something shaped like one of our tokens is never tried as a password.
  if (looksLikeKeyholdToken(password.trim())) return { kind: 'denied', reason: 'invalid' };

  const { passwordAuthenticationEnabledForGit } = await getInstanceSettings();
  if (!passwordAuthenticationEnabledForGit) return { kind: 'denied', reason: 'password_disabled' };
  const user = await verifyCredentials(username, password);
  if (!user) return { kind: 'denied', reason: 'invalid' };
  return { kind: 'password', user, abilities: PASSWORD_ABILITIES };
}
