import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accessTokens } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { AppError } from '../errors';
import { createProjectBot, removeProjectBot } from '../bots/project-bots';
import { toProjectAccessTokenDto, type ProjectAccessTokenDto } from './dto';
import { cappedExpiry, FORM_DEFAULT_LIFETIME_DAYS, resolveExpiresAt } from './expiry';
import { assertCreationAllowed, loadTokenProjectContext } from './project-context';
import {
  assignableTokenAccessLevels,
  validateTokenAccessLevel,
  validateTokenDescription,
  validateTokenName,
  validateTokenScopes,
} from './token-rules';
import { activeTokens, INACTIVE_LISTING_DAYS, inactiveTokens, tokenListOrder } from './token-queries';
import { generateToken, tokenDigest } from './token-secret';
import { forgettingCachedAuthentications } from './authentication-cache';

export type { ProjectAccessTokenDto } from './dto';
export { rotateProjectAccessToken, type RotateProjectAccessTokenOptions } from './rotate-token';

export { INACTIVE_LISTING_DAYS } from './token-queries';

export const tokenNotFound = () => new AppError('not_found', 'Project access token not found');

export interface CreateProjectAccessTokenOptions {
  /** The signed-in user; must be Maintainer+ on the project. */
  actor: Actor;
  projectId: number;
  /** 1–255 characters after trimming; visible to project members. */
  name: string;
  /** Up to 255 characters. */
  description?: string;
  /** At least one of PROJECT_TOKEN_SCOPES. */
  scopes: string[];
  /** The token's role: 10–50, not above the creator's own level. */
  accessLevel: number;
  /** `YYYY-MM-DD`, after today and within the maximum lifetime; `undefined` (API) means the maximum allowed. */
  expiresAt: string | undefined;
  /** The current instant (tests inject it). */
  now?: Date;
  /** Client address, for the audit log. */
  ipAddress?: string | null;
}

/**
 * Creates a project access token with its bot user and membership, in one transaction. The
 * plaintext token is returned here and never again; only its digest is stored.
 */
export async function createProjectAccessToken(
  options: CreateProjectAccessTokenOptions,
): Promise<{ token: string; accessToken: ProjectAccessTokenDto }> {
  const now = options.now ?? new Date();
  const database = await db();
  return database.transaction(async (tx) => {
    const context = await loadTokenProjectContext(tx, { actor: options.actor, projectId: options.projectId, now, lock: true });
    assertCreationAllowed(context);
    const name = validateTokenName(options.name);
    const description = validateTokenDescription(options.description);
    const scopes = validateTokenScopes(options.scopes);
    const accessLevel = validateTokenAccessLevel(context.level, options.accessLevel);
    const expiresAt = resolveExpiresAt(options.expiresAt, context.window, context.window.max);

    const bot = await createProjectBot(tx, {
      projectId: context.project.id,
      name,
      accessLevel,
      expiresAt,
      createdById: options.actor.id,
    });
    const token = generateToken(context.settings.tokenPrefix);
    const [row] = await tx
      .insert(accessTokens)
      .values({
        kind: 'project',
        userId: bot.id,
        projectId: context.project.id,
        name,
        description,
        digest: tokenDigest(token),
        scopes,
        accessLevel,
        expiresAt,
        createdById: options.actor.id,
      })
      .returning();
    if (!row) throw new Error('insert returned no token');
    await recordAuditEvent(tx, {
      author: options.actor,
      action: 'project_access_token_created',
      target: { type: 'Project', id: context.project.id, name: context.project.fullPath },
      details: { tokenId: row.id, tokenName: name, scopes, accessLevel, expiresAt, botUserId: bot.id, botUsername: bot.username },
      ipAddress: options.ipAddress,
    });
    return { token, accessToken: toProjectAccessTokenDto(row, now) };
  });
}

export interface ListProjectAccessTokensOptions {
  actor: Actor;
  projectId: number;
  /** active: usable now, newest first; inactive: revoked or expired within the last 30 days, latest first; omitted: all, newest first. */
  state?: 'active' | 'inactive';
  now?: Date;
}

/** The project's access tokens, for Maintainers and above. */
export async function listProjectAccessTokens(options: ListProjectAccessTokensOptions): Promise<ProjectAccessTokenDto[]> {
  const now = options.now ?? new Date();
  const database = await db();
  await loadTokenProjectContext(database, { actor: options.actor, projectId: options.projectId, now });
  const ofProject = and(eq(accessTokens.projectId, options.projectId), eq(accessTokens.kind, 'project'));
  const inState =
    options.state === 'active' ? activeTokens(now) : options.state === 'inactive' ? inactiveTokens(now, INACTIVE_LISTING_DAYS) : undefined;
  const rows = await database
    .select()
    .from(accessTokens)
    .where(and(ofProject, inState))
    .orderBy(...tokenListOrder(options.state));
  return rows.map((row) => toProjectAccessTokenDto(row, now));
}

export interface RevokeProjectAccessTokenOptions {
  actor: Actor;
  projectId: number;
  tokenId: number;
  now?: Date;
  ipAddress?: string | null;
}

/**
 * Revokes a token in one transaction: the token stops working at once, its bot user is deleted
 * and everything the bot authored moves to the Ghost User. Works even when creation is switched off.
 */
export async function revokeProjectAccessToken(options: RevokeProjectAccessTokenOptions): Promise<ProjectAccessTokenDto> {
  const now = options.now ?? new Date();
  const database = await db();
  return forgettingCachedAuthentications(
    database.transaction(async (tx) => {
      const context = await loadTokenProjectContext(tx, { actor: options.actor, projectId: options.projectId, now });
      const [token] = await tx
        .select()
        .from(accessTokens)
        .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.projectId, options.projectId), eq(accessTokens.kind, 'project')))
        .for('update');
      if (!token) throw tokenNotFound();
      if (token.revoked) throw new AppError('invalid', 'Token already revoked');
      const [revoked] = await tx
        .update(accessTokens)
        .set({ revoked: true, revokedAt: now })
        .where(eq(accessTokens.id, token.id))
        .returning();
      if (!revoked) throw tokenNotFound();
      // Recorded before the bot goes: if the bot revoked itself, this event moves to the Ghost User too.
      await recordAuditEvent(tx, {
        author: options.actor,
        action: 'project_access_token_revoked',
        target: { type: 'Project', id: context.project.id, name: context.project.fullPath },
        details: { tokenId: token.id, tokenName: token.name, botUserId: token.userId },
        ipAddress: options.ipAddress,
      });
      if (token.userId !== null) await removeProjectBot(tx, token.userId);
      return toProjectAccessTokenDto({ ...revoked, userId: null }, now);
    }),
  );
}

export interface ProjectTokenFormRules {
  /** False when the top-level group's switch is off (or the actor is a bot). */
  creationAllowed: boolean;
  /** Why creation is not allowed, to show in place of the form. */
  disabledReason: string | null;
  /** Roles the actor may give a token, lowest first. */
  assignableAccessLevels: number[];
  /** Earliest allowed expiry: tomorrow. */
  minExpiresAt: string;
  /** Latest allowed expiry: today + the maximum lifetime. */
  maxExpiresAt: string;
  /** What the form pre-fills: today + 30 days, capped at the maximum. */
  defaultExpiresAt: string;
}

/** What the creation form may offer this actor on this project. */
export async function projectTokenFormRules(options: { actor: Actor; projectId: number; now?: Date }): Promise<ProjectTokenFormRules> {
  const now = options.now ?? new Date();
  const context = await loadTokenProjectContext(await db(), { actor: options.actor, projectId: options.projectId, now });
  return {
    creationAllowed: context.creationBlockedReason === null,
    disabledReason: context.creationBlockedReason,
    assignableAccessLevels: assignableTokenAccessLevels(context.level),
    minExpiresAt: context.window.min,
    maxExpiresAt: context.window.max,
    defaultExpiresAt: cappedExpiry(context.window, FORM_DEFAULT_LIFETIME_DAYS),
  };
}
