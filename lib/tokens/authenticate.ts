import 'server-only';
import { and, eq, isNull, lte, not, or, sql } from 'drizzle-orm';
import { accessTokens, users } from '@/db/schema';
import { databaseHandle, db } from '@/db/client';
import type { Actor } from '../actor';
import { hasEnded } from '../dates';
import { fipsModeEnabled } from '../settings/fips';
import { toActor } from '../users/users';
import { lookUpCachedAuthentication, rememberCachedUse } from './authentication-cache';
import { looksLikeKeyholdToken } from './token-format';
import { tokenDigest } from './token-secret';

/** last_used_at is written at most this often per token (GitLab: 10 minutes). */
export const LAST_USED_INTERVAL_MS = 10 * 60 * 1000;
/** How many distinct client addresses a token remembers, most recent first. */
export const LAST_USED_IPS_KEPT = 5;

export type AuthenticationResult =
  | {
      ok: true;
      token: {
        id: number;
        kind: 'personal' | 'project';
        scopes: string[];
        expiresAt: string;
        projectId: number | null;
        accessLevel: number | null;
      };
      /** The token's user: the bot for a project token. */
      user: Actor;
    }
  /**
   * `fips`: a project access token presented while the instance runs in FIPS mode; the API and Git
   * answer 401 naming FIPS mode (FIPS_TOKEN_REFUSED_MESSAGE). `blocked`: the token's user is blocked.
   */
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'blocked' | 'fips' };

export interface AuthenticateOptions {
  now?: Date;
  /** The client's address, remembered in last_used_ips. */
  ipAddress?: string | null;
}

/**
 * Finds the token a request presents: one indexed lookup by digest, joined to its user, unless this
 * process has it cached (see authentication-cache: revocations reach every process on commit). Records
 * the use only when last_used_at is 10 minutes old or the address is new, so most requests write nothing.
 */
export async function authenticateToken(presented: string, options: AuthenticateOptions = {}): Promise<AuthenticationResult> {
  const now = options.now ?? new Date();
  const candidate = presented.trim();
  // Not even shaped like one of ours (bad checksum): no need to ask the database.
  if (!looksLikeKeyholdToken(candidate)) return { ok: false, reason: 'unknown' };
  const handle = await databaseHandle();
  const digest = tokenDigest(candidate);
  const lookup = await lookUpCachedAuthentication(handle, digest);
  let row = lookup.cached;
  if (!row) {
    [row = null] = await handle.db
      .select({ token: accessTokens, user: users })
      .from(accessTokens)
      .leftJoin(users, eq(users.id, accessTokens.userId))
      .where(eq(accessTokens.digest, digest));
    // Unknown tokens are not cached: guessing must not fill memory.
    if (row) lookup.store(row);
  }
  if (!row) return { ok: false, reason: 'unknown' };
  const { token, user } = row;
  if (token.revoked) return { ok: false, reason: 'revoked' };
  if (hasEnded(token.expiresAt, now)) return { ok: false, reason: 'expired' };
  // Project access tokens are not FIPS compliant: in FIPS mode they do not work at all.
  if (token.kind === 'project' && fipsModeEnabled()) return { ok: false, reason: 'fips' };
  if (!user) return { ok: false, reason: 'unknown' };
  if (user.state !== 'active') return { ok: false, reason: 'blocked' };

  const ip = options.ipAddress?.trim() || null;
  const stale = !token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS;
  const newIp = ip !== null && !token.lastUsedIps.includes(ip);
  if (stale || newIp) {
    await recordUse(token.id, now, ip);
    rememberCachedUse(
      digest,
      now,
      ip === null ? token.lastUsedIps : [ip, ...token.lastUsedIps.filter((kept) => kept !== ip)].slice(0, LAST_USED_IPS_KEPT),
    );
  }

  return {
    ok: true,
    token: {
      id: token.id,
      kind: token.kind,
      scopes: [...token.scopes],
      expiresAt: token.expiresAt,
      projectId: token.projectId,
      accessLevel: token.accessLevel,
    },
    user: toActor(user),
  };
}

/** One guarded UPDATE: concurrent requests neither lose an address nor write twice in a window. */
async function recordUse(tokenId: number, now: Date, ip: string | null): Promise<void> {
  const threshold = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
  const database = await db();
  const due = or(isNull(accessTokens.lastUsedAt), lte(accessTokens.lastUsedAt, threshold));
  await database
    .update(accessTokens)
    .set({
      lastUsedAt: now,
      ...(ip === null
        ? {}
        : {
            lastUsedIps: sql`(array_prepend(${ip}::text, array_remove(${accessTokens.lastUsedIps}, ${ip}::text)))[1:${sql.raw(String(LAST_USED_IPS_KEPT))}]`,
          }),
    })
    .where(and(eq(accessTokens.id, tokenId), ip === null ? due : or(due, not(sql`${ip}::text = any(${accessTokens.lastUsedIps})`))));
}
