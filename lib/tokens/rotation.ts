import 'server-only';
import { eq } from 'drizzle-orm';
import { accessTokens, type AccessToken } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent, type AuditEventInput } from '../audit/audit-events';
import { hasEnded } from '../dates';
import { AppError, isUniqueViolation } from '../errors';
import { cappedExpiry, resolveExpiresAt, ROTATION_DEFAULT_LIFETIME_DAYS, type ExpiryWindow } from './expiry';
import { forgetCachedAuthentications } from './authentication-cache';
import { revokeTokenChain } from './token-chain';
import { generateToken, tokenDigest } from './token-secret';

export const TOKEN_ALREADY_REVOKED = 'Token already revoked';
export const TOKEN_ALREADY_EXPIRED = 'Token already expired';

/** What one kind of token (project, personal) tells the shared rotation about the token at hand. */
export interface RotationContext {
  /** The token to replace, already authorized and read `for update` in the rotation's transaction. */
  old: AccessToken;
  /** Prefix of the new token (the instance setting at the time of rotation). */
  tokenPrefix: string;
  /** The dates the new token may expire on. */
  window: ExpiryWindow;
  /** Audit actions are named `<auditPrefix>_rotated` and `<auditPrefix>_reuse_detected`. */
  auditPrefix: 'project_access_token' | 'personal_access_token';
  auditTarget: AuditEventInput['target'];
  /** Who the re-use event names; null when it was the token's own bot that asked. */
  reuseAuthor: AuditEventInput['author'];
  /** Checks a real rotation needs beyond "still active" (the creation switch, the actor's role). */
  assertMayRotate?: () => void;
  /** Writes that follow the new token (a bot's membership now ends with it). */
  afterRotate?: (tx: Executor, created: AccessToken) => Promise<void>;
  /** Writes that follow a re-used chain's revocation, given the chain's users (a project bot goes). */
  afterChainRevoked?: (tx: Executor, userIds: number[]) => Promise<void>;
}

export interface RotateAccessTokenOptions {
  /** Who rotates; the new token records them as its creator. */
  actor: Actor;
  /** `YYYY-MM-DD`; omitted means one week from today (capped at the maximum lifetime). */
  expiresAt?: string;
  now: Date;
  ipAddress?: string | null;
  /** Authorizes the actor, then locks and returns the token, inside the rotation's transaction. */
  load: (tx: Executor) => Promise<RotationContext>;
}

type Outcome = { kind: 'rotated'; token: string; row: AccessToken } | { kind: 'reuse' };

/**
 * Replaces a token with a new one (same kind, user, project, name, description, scopes and role)
 * and revokes the old one, in one transaction. Rotating a token that was already rotated means
 * someone holds a stale copy: the whole chain is revoked (and committed) and the rotation refused.
 * Shared by project and personal access tokens; each kind supplies its context through `load`.
 */
export async function rotateAccessToken(options: RotateAccessTokenOptions): Promise<{ token: string; row: AccessToken }> {
  const { actor, now } = options;
  const database = await db();
  let outcome: Outcome;
  try {
    outcome = await database.transaction(async (tx): Promise<Outcome> => {
      const context = await options.load(tx);
      const { old } = context;
      if (old.revoked) {
        const [successor] = await tx.select({ id: accessTokens.id }).from(accessTokens).where(eq(accessTokens.previousTokenId, old.id));
        if (!successor) throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
        const chain = await revokeTokenChain(tx, old.id, now);
        await context.afterChainRevoked?.(tx, chain.userIds);
        await recordAuditEvent(tx, {
          author: context.reuseAuthor,
          action: `${context.auditPrefix}_reuse_detected`,
          target: context.auditTarget,
          details: { tokenId: old.id, tokenName: old.name, revokedTokenIds: chain.revokedIds },
          ipAddress: options.ipAddress,
        });
        return { kind: 'reuse' };
      }
      if (hasEnded(old.expiresAt, now) || old.userId === null) throw new AppError('invalid', TOKEN_ALREADY_EXPIRED);
      context.assertMayRotate?.();
      const expiresAt = resolveExpiresAt(options.expiresAt, context.window, cappedExpiry(context.window, ROTATION_DEFAULT_LIFETIME_DAYS));

      await tx.update(accessTokens).set({ revoked: true, revokedAt: now }).where(eq(accessTokens.id, old.id));
      const token = generateToken(context.tokenPrefix);
      const [created] = await tx
        .insert(accessTokens)
        .values({
          kind: old.kind,
          userId: old.userId,
          projectId: old.projectId,
          name: old.name,
          description: old.description,
          digest: tokenDigest(token),
          scopes: old.scopes,
          accessLevel: old.accessLevel,
          expiresAt,
          previousTokenId: old.id,
          createdById: actor.id,
        })
        .returning();
      if (!created) throw new Error('insert returned no token');
      await context.afterRotate?.(tx, created);
      await recordAuditEvent(tx, {
        author: actor,
        action: `${context.auditPrefix}_rotated`,
        target: context.auditTarget,
        details: { tokenId: created.id, previousTokenId: old.id, tokenName: old.name, expiresAt },
        ipAddress: options.ipAddress,
      });
      return { kind: 'rotated', token, row: created };
    });
  } catch (error) {
    // Two rotations of one token that slipped past the row lock: the second loses on the unique index.
    if (isUniqueViolation(error, 'access_tokens_previous_idx')) throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
    throw error;
  }
  forgetCachedAuthentications();
  // Refused only now, after the chain's revocation was committed.
  if (outcome.kind === 'reuse') throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
  return { token: outcome.token, row: outcome.row };
}
