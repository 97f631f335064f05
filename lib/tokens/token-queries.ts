import 'server-only';
import { and, desc, eq, lte, or, sql, type SQL } from 'drizzle-orm';
import { accessTokens } from '@/db/schema';
import { utcDate } from '../dates';

/** Revoked and expired tokens stay listed as inactive on the token pages for this long. */
export const INACTIVE_LISTING_DAYS = 30;

/** When a token stopped working: revoked, or 00:00 UTC on its expiry date, whichever came first. */
const inactiveSince = sql`least(${accessTokens.revokedAt}, ${accessTokens.expiresAt}::timestamp at time zone 'UTC')`;

/** Neither revoked nor past its expiry date (the SQL twin of isTokenActive). */
export function activeTokens(now: Date): SQL {
  return and(eq(accessTokens.revoked, false), sql`${accessTokens.expiresAt} > ${utcDate(now)}`)!;
}

/** Revoked or expired; with `withinDays`, only those that stopped working in the last so many days. */
export function inactiveTokens(now: Date, withinDays?: number): SQL {
  const inactive = or(eq(accessTokens.revoked, true), lte(accessTokens.expiresAt, utcDate(now)))!;
  if (withinDays === undefined) return inactive;
  const cutoff = new Date(now.getTime() - withinDays * 86_400_000).toISOString();
  return and(inactive, sql`${inactiveSince} >= ${cutoff}::timestamptz`)!;
}

/** The order of a token list: newest first, or for inactive tokens the latest to stop working first. */
export function tokenListOrder(state: 'active' | 'inactive' | undefined): SQL[] {
  return state === 'inactive' ? [sql`${inactiveSince} desc`, desc(accessTokens.id)] : [desc(accessTokens.createdAt), desc(accessTokens.id)];
}
