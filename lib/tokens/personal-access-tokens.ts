import 'server-only';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { accessTokens, users, type AccessToken } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { AppError } from '../errors';
import { isInstanceAdmin } from '../permissions';
import { getInstanceSettings, maxTokenLifetimeDays } from '../settings/instance-settings';
import { toActor } from '../users/users';
import { toPersonalAccessTokenDto, type PersonalAccessTokenDto } from './dto';
import { cappedExpiry, expiryWindow, FORM_DEFAULT_LIFETIME_DAYS, resolveExpiresAt, type ExpiryWindow } from './expiry';
import { rotateAccessToken, TOKEN_ALREADY_REVOKED } from './rotation';
import { PERSONAL_TOKEN_SCOPES } from './scopes';
import { activeTokens, inactiveTokens, tokenListOrder } from './token-queries';
import { BOTS_CANNOT_CREATE_MESSAGE, validateTokenDescription, validateTokenName, validateTokenScopes } from './token-rules';
import { generateToken, tokenDigest } from './token-secret';
import { forgettingCachedAuthentications } from './authentication-cache';

export type { PersonalAccessTokenDto } from './dto';

export const personalTokenNotFound = () => new AppError('not_found', 'Personal access token not found');
export const OTHERS_TOKENS_MESSAGE = "Only administrators can manage other users' personal access tokens";

/** The token's own user, or an instance admin. Anyone else is told the token does not exist. */
function mayManage(actor: Actor, token: Pick<AccessToken, 'userId'>): boolean {
  return token.userId === actor.id || isInstanceAdmin(actor);
}

/** Bots have no personal tokens; a project token may not make one (GitLab refuses the same). */
function assertHumanActor(actor: Actor): void {
  if (actor.userType !== 'human') throw new AppError('forbidden', BOTS_CANNOT_CREATE_MESSAGE);
}

async function expiryWindowNow(executor: Executor, now: Date): Promise<{ window: ExpiryWindow; tokenPrefix: string }> {
  const settings = await getInstanceSettings(executor);
  return { window: expiryWindow(now, maxTokenLifetimeDays(settings)), tokenPrefix: settings.tokenPrefix };
}

async function usernameOf(executor: Executor, userId: number | null): Promise<string> {
  if (userId === null) return '';
  const [row] = await executor.select({ username: users.username }).from(users).where(eq(users.id, userId));
  return row?.username ?? '';
}

export interface CreatePersonalAccessTokenOptions {
  /** Who creates it: a person, for themselves; an instance admin also for someone else. */
  actor: Actor;
  /** Whose token it is; the actor's own when omitted. Another user's needs an instance admin. */
  userId?: number;
  /** 1–255 characters after trimming. */
  name: string;
  /** Up to 255 characters. */
  description?: string;
  /** At least one of PERSONAL_TOKEN_SCOPES. */
  scopes: string[];
  /** `YYYY-MM-DD`, after today and within the maximum lifetime; `undefined` (API) means the maximum allowed. */
  expiresAt: string | undefined;
  /** The current instant (tests inject it). */
  now?: Date;
  /** Client address, for the audit log. */
  ipAddress?: string | null;
}

/**
 * Creates a personal access token for an active person. The plaintext token is returned here and
 * never again; only its digest is stored.
 */
export async function createPersonalAccessToken(
  options: CreatePersonalAccessTokenOptions,
): Promise<{ token: string; accessToken: PersonalAccessTokenDto }> {
  const { actor } = options;
  const now = options.now ?? new Date();
  assertHumanActor(actor);
  const userId = options.userId ?? actor.id;
  if (userId !== actor.id && !isInstanceAdmin(actor)) throw new AppError('forbidden', OTHERS_TOKENS_MESSAGE);
  const name = validateTokenName(options.name);
  const description = validateTokenDescription(options.description);
  const scopes = validateTokenScopes(options.scopes, PERSONAL_TOKEN_SCOPES);
  const database = await db();
  return database.transaction(async (tx) => {
    const [owner] = await tx.select().from(users).where(eq(users.id, userId));
    if (!owner || owner.userType !== 'human') throw new AppError('not_found', 'User not found');
    if (owner.state !== 'active') throw new AppError('invalid', 'Personal access tokens cannot be created for a blocked user');
    const { window, tokenPrefix } = await expiryWindowNow(tx, now);
    const expiresAt = resolveExpiresAt(options.expiresAt, window, window.max);
    const token = generateToken(tokenPrefix);
    const [row] = await tx
      .insert(accessTokens)
      .values({
        kind: 'personal',
        userId: owner.id,
        projectId: null,
        name,
        description,
        digest: tokenDigest(token),
        scopes,
        accessLevel: null,
        expiresAt,
        createdById: actor.id,
      })
      .returning();
    if (!row) throw new Error('insert returned no token');
    await recordAuditEvent(tx, {
      author: actor,
      action: 'personal_access_token_created',
      target: { type: 'User', id: owner.id, name: owner.username },
      details: { tokenId: row.id, tokenName: name, scopes, expiresAt },
      ipAddress: options.ipAddress,
    });
    return { token, accessToken: toPersonalAccessTokenDto(row, now) };
  });
}

export interface ListPersonalAccessTokensOptions {
  actor: Actor;
  /** Whose tokens: the actor's own when omitted; another user's, or `'all'`, for instance admins only. */
  userId?: number | 'all';
  /** active: usable now; inactive: revoked or expired; omitted: both. */
  state?: 'active' | 'inactive';
  /** With state `inactive`: only tokens that stopped working within this many days (the page shows 30). */
  inactiveWithinDays?: number;
  /** Only revoked (true) or only not revoked (false) tokens. */
  revoked?: boolean;
  /** Part of the token's name, case-insensitive. */
  search?: string;
  /** A page of the list (the total is counted over all matches). */
  limit?: number;
  offset?: number;
  now?: Date;
}

/** Personal access tokens, newest first (inactive ones: latest to stop working first), with the total. */
export async function listPersonalAccessTokens(
  options: ListPersonalAccessTokensOptions,
): Promise<{ tokens: PersonalAccessTokenDto[]; total: number }> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const owner = options.userId ?? actor.id;
  if (owner !== actor.id && !isInstanceAdmin(actor)) throw new AppError('forbidden', OTHERS_TOKENS_MESSAGE);
  const conditions: (SQL | undefined)[] = [
    eq(accessTokens.kind, 'personal'),
    owner === 'all' ? undefined : eq(accessTokens.userId, owner),
    options.state === 'active'
      ? activeTokens(now)
      : options.state === 'inactive'
        ? inactiveTokens(now, options.inactiveWithinDays)
        : undefined,
    options.revoked === undefined ? undefined : eq(accessTokens.revoked, options.revoked),
    options.search ? sql`strpos(lower(${accessTokens.name}), lower(${options.search})) > 0` : undefined,
  ];
  const where = and(...conditions);
  const database = await db();
  const [counted] = await database.select({ total: count() }).from(accessTokens).where(where);
  const query = database
    .select()
    .from(accessTokens)
    .where(where)
    .orderBy(...tokenListOrder(options.state));
  const rows = options.limit === undefined ? await query : await query.limit(options.limit).offset(options.offset ?? 0);
  return { tokens: rows.map((row) => toPersonalAccessTokenDto(row, now)), total: counted?.total ?? 0 };
}

export interface PersonalAccessTokenOptions {
  actor: Actor;
  tokenId: number;
  now?: Date;
}

/** One personal access token: the actor's own, or anyone's for an instance admin. */
export async function getPersonalAccessToken(options: PersonalAccessTokenOptions): Promise<PersonalAccessTokenDto> {
  const [row] = await (
    await db()
  )
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.kind, 'personal')));
  if (!row || !mayManage(options.actor, row)) throw personalTokenNotFound();
  return toPersonalAccessTokenDto(row, options.now ?? new Date());
}

/**
 * The token a request authenticated with, described to its own user. Any kind: a project token
 * describes itself to its bot, as GitLab's `GET /personal_access_tokens/self` does.
 */
export async function getCurrentAccessToken(options: PersonalAccessTokenOptions): Promise<PersonalAccessTokenDto> {
  const [row] = await (
    await db()
  )
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.userId, options.actor.id)));
  if (!row) throw personalTokenNotFound();
  return toPersonalAccessTokenDto(row, options.now ?? new Date());
}

export interface ChangePersonalAccessTokenOptions extends PersonalAccessTokenOptions {
  ipAddress?: string | null;
}

/** Revokes a personal access token (own, or anyone's for an admin): it stops working at once. */
export async function revokePersonalAccessToken(options: ChangePersonalAccessTokenOptions): Promise<PersonalAccessTokenDto> {
  const now = options.now ?? new Date();
  const database = await db();
  return forgettingCachedAuthentications(
    database.transaction(async (tx) => {
      const [token] = await tx
        .select()
        .from(accessTokens)
        .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.kind, 'personal')))
        .for('update');
      if (!token || !mayManage(options.actor, token)) throw personalTokenNotFound();
      if (token.revoked) throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
      const [revoked] = await tx
        .update(accessTokens)
        .set({ revoked: true, revokedAt: now })
        .where(eq(accessTokens.id, token.id))
        .returning();
      if (!revoked) throw personalTokenNotFound();
      await recordAuditEvent(tx, {
        author: options.actor,
        action: 'personal_access_token_revoked',
        target: { type: 'User', id: token.userId, name: await usernameOf(tx, token.userId) },
        details: { tokenId: token.id, tokenName: token.name },
        ipAddress: options.ipAddress,
      });
      return toPersonalAccessTokenDto(revoked, now);
    }),
  );
}

export interface RotatePersonalAccessTokenOptions extends ChangePersonalAccessTokenOptions {
  /** `YYYY-MM-DD`; omitted means one week from today (capped at the maximum lifetime). */
  expiresAt?: string;
}

/**
 * Replaces a personal access token (own, or anyone's for an admin) with a new one with the same
 * name, description and scopes; the old one is revoked in the same transaction. Re-using a
 * rotated token revokes its whole chain (see rotateAccessToken).
 */
export async function rotatePersonalAccessToken(
  options: RotatePersonalAccessTokenOptions,
): Promise<{ token: string; accessToken: PersonalAccessTokenDto }> {
  const now = options.now ?? new Date();
  const { actor } = options;
  const { token, row } = await rotateAccessToken({
    actor,
    now,
    expiresAt: options.expiresAt,
    ipAddress: options.ipAddress,
    async load(tx) {
      const [old] = await tx
        .select()
        .from(accessTokens)
        .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.kind, 'personal')))
        .for('update');
      if (!old || !mayManage(actor, old)) throw personalTokenNotFound();
      const { window, tokenPrefix } = await expiryWindowNow(tx, now);
      return {
        old,
        tokenPrefix,
        window,
        auditPrefix: 'personal_access_token',
        auditTarget: { type: 'User', id: old.userId, name: await usernameOf(tx, old.userId) },
        reuseAuthor: actor,
        assertMayRotate: () => assertHumanActor(actor),
      };
    },
  });
  return { token, accessToken: toPersonalAccessTokenDto(row, now) };
}

export interface PersonalTokenFormRules {
  /** Earliest allowed expiry: tomorrow. */
  minExpiresAt: string;
  /** Latest allowed expiry: today + the maximum lifetime. */
  maxExpiresAt: string;
  /** What the form pre-fills: today + 30 days, capped at the maximum. */
  defaultExpiresAt: string;
}

/** What the personal token form may offer: the expiry dates the instance allows today. */
export async function personalTokenFormRules(options: { actor: Actor; now?: Date }): Promise<PersonalTokenFormRules> {
  assertHumanActor(options.actor);
  const { window } = await expiryWindowNow(await db(), options.now ?? new Date());
  return { minExpiresAt: window.min, maxExpiresAt: window.max, defaultExpiresAt: cappedExpiry(window, FORM_DEFAULT_LIFETIME_DAYS) };
}

/**
 * The user a personal access token belongs to, for local tooling that already holds the database
 * (the `keyhold` command line acts as that user). Null when there is no such token or user.
 */
export async function personalAccessTokenOwner(tokenId: number): Promise<Actor | null> {
  const [row] = await (
    await db()
  )
    .select({ user: users })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.id, tokenId), eq(accessTokens.kind, 'personal')));
  return row ? toActor(row.user) : null;
}
