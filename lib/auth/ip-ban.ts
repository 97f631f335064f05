import 'server-only';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { authenticationBans } from '@/db/schema';
import { db } from '@/db/client';

/**
 * GitLab's ban for failed HTTP Basic authentications (Rack::Attack `git_basic_auth`): `maxRetry`
 * failures from one address within `findTimeSeconds` ban it for `banTimeSeconds`; a success
 * resets the count. Kept in the database so every app instance counts and bans together.
 */
export interface IpBanPolicy {
  enabled: boolean;
  maxRetry: number;
  findTimeSeconds: number;
  banTimeSeconds: number;
  /** Addresses never counted nor banned. */
  allowlist: readonly string[];
}

/** GitLab's defaults: 10 failures within a minute → banned for an hour. */
export const DEFAULT_IP_BAN_POLICY: IpBanPolicy = { enabled: true, maxRetry: 10, findTimeSeconds: 60, banTimeSeconds: 3600, allowlist: [] };

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value?.trim() && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * The policy from the environment: `KEYHOLD_AUTH_BAN_ENABLED` (`0`/`false` turns it off),
 * `KEYHOLD_AUTH_BAN_MAX_RETRY`, `KEYHOLD_AUTH_BAN_FIND_TIME` and `KEYHOLD_AUTH_BAN_TIME` (seconds),
 * `KEYHOLD_AUTH_BAN_ALLOWLIST` (comma-separated addresses).
 */
export function ipBanPolicyFromEnv(env: Record<string, string | undefined> = process.env): IpBanPolicy {
  const enabled = env.KEYHOLD_AUTH_BAN_ENABLED?.trim().toLowerCase();
  return {
    enabled: !(enabled === '0' || enabled === 'false' || enabled === 'no' || enabled === 'off'),
    maxRetry: positiveInteger(env.KEYHOLD_AUTH_BAN_MAX_RETRY, DEFAULT_IP_BAN_POLICY.maxRetry),
    findTimeSeconds: positiveInteger(env.KEYHOLD_AUTH_BAN_FIND_TIME, DEFAULT_IP_BAN_POLICY.findTimeSeconds),
    banTimeSeconds: positiveInteger(env.KEYHOLD_AUTH_BAN_TIME, DEFAULT_IP_BAN_POLICY.banTimeSeconds),
    allowlist: (env.KEYHOLD_AUTH_BAN_ALLOWLIST ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}

export interface IpBanOptions {
  now?: Date;
  /** Defaults to ipBanPolicyFromEnv(). */
  policy?: IpBanPolicy;
}

function applies(ipAddress: string | null, policy: IpBanPolicy): ipAddress is string {
  return policy.enabled && !!ipAddress && !policy.allowlist.includes(ipAddress);
}

export interface BanStatus {
  banned: boolean;
  /** Failures are counted for this address: a success should reset them. */
  hasFailures: boolean;
}

/** One indexed read: is the address banned now, and does it have failures to reset on success? */
export async function ipBanStatus(ipAddress: string | null, options: IpBanOptions = {}): Promise<BanStatus> {
  const policy = options.policy ?? ipBanPolicyFromEnv();
  if (!applies(ipAddress, policy)) return { banned: false, hasFailures: false };
  const now = options.now ?? new Date();
  const [row] = await (
    await db()
  )
    .select({ failures: authenticationBans.failures, bannedUntil: authenticationBans.bannedUntil })
    .from(authenticationBans)
    .where(eq(authenticationBans.ipAddress, ipAddress));
  if (!row) return { banned: false, hasFailures: false };
  return { banned: !!row.bannedUntil && row.bannedUntil.getTime() > now.getTime(), hasFailures: row.failures > 0 };
}

/**
 * Counts one failed authentication in one atomic upsert (concurrent failures all count). A window
 * older than findtime, or a ban that has run out, starts a new count. Returns whether the address
 * is banned now.
 */
export async function recordAuthenticationFailure(ipAddress: string | null, options: IpBanOptions = {}): Promise<{ banned: boolean }> {
  const policy = options.policy ?? ipBanPolicyFromEnv();
  if (!applies(ipAddress, policy)) return { banned: false };
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - policy.findTimeSeconds * 1000);
  const banEnd = new Date(now.getTime() + policy.banTimeSeconds * 1000);
  const table = authenticationBans;
  // In ON CONFLICT DO UPDATE, the bare column names are the existing row's values.
  const fresh = sql`(${table.windowStartedAt} <= ${windowStart} or (${table.bannedUntil} is not null and ${table.bannedUntil} <= ${now}))`;
  const failures = sql`(case when ${fresh} then 1 else ${table.failures} + 1 end)`;
  const [row] = await (
    await db()
  )
    .insert(table)
    .values({ ipAddress, failures: 1, windowStartedAt: now, bannedUntil: policy.maxRetry <= 1 ? banEnd : null, updatedAt: now })
    .onConflictDoUpdate({
      target: table.ipAddress,
      set: {
        failures,
        windowStartedAt: sql`case when ${fresh} then ${now}::timestamptz else ${table.windowStartedAt} end`,
        bannedUntil: sql`case when ${failures} >= ${policy.maxRetry} then ${banEnd}::timestamptz when ${fresh} then null else ${table.bannedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ bannedUntil: table.bannedUntil });
  return { banned: !!row?.bannedUntil && row.bannedUntil.getTime() > now.getTime() };
}

/** A successful authentication forgets the address's failures (never lifts a running ban). */
export async function resetAuthenticationFailures(ipAddress: string | null, options: IpBanOptions = {}): Promise<void> {
  const policy = options.policy ?? ipBanPolicyFromEnv();
  if (!applies(ipAddress, policy)) return;
  const now = options.now ?? new Date();
  await (
    await db()
  )
    .delete(authenticationBans)
    .where(
      and(
        eq(authenticationBans.ipAddress, ipAddress),
        or(isNull(authenticationBans.bannedUntil), lte(authenticationBans.bannedUntil, now)),
      ),
    );
}
