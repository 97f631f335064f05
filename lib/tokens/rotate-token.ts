import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accessTokens, projectMembers } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { hasEnded } from '../dates';
import { AppError, isUniqueViolation } from '../errors';
import { toProjectAccessTokenDto, type ProjectAccessTokenDto } from './dto';
import { cappedExpiry, resolveExpiresAt, ROTATION_DEFAULT_LIFETIME_DAYS } from './expiry';
import { assertCreationAllowed, loadTokenProjectContext } from './project-context';
import { revokeTokenChain } from './token-chain';
import { BOTS_CANNOT_CREATE_MESSAGE } from './token-rules';
import { generateToken, tokenDigest } from './token-secret';

export const TOKEN_ALREADY_REVOKED = 'Token already revoked';

export interface RotateProjectAccessTokenOptions {
  /** A Maintainer+ of the project, or the token's own bot (self-rotation). */
  actor: Actor;
  projectId: number;
  tokenId: number;
  /** `YYYY-MM-DD`; omitted means one week from today (capped at the maximum lifetime). */
  expiresAt?: string;
  now?: Date;
  ipAddress?: string | null;
}

type RotationOutcome = { kind: 'rotated'; token: string; accessToken: ProjectAccessTokenDto } | { kind: 'reuse' };

/**
 * Replaces a token with a new one (same name, description, scopes, role and bot) and revokes the
 * old one, in one transaction. Rotating a token that was already rotated means someone holds a
 * stale copy: the whole chain is revoked, the bot deleted, and the rotation refused.
 */
export async function rotateProjectAccessToken(
  options: RotateProjectAccessTokenOptions,
): Promise<{ token: string; accessToken: ProjectAccessTokenDto }> {
  const now = options.now ?? new Date();
  const { actor } = options;
  const selfService = actor.userType !== 'human';
  const database = await db();
  let outcome: RotationOutcome;
  try {
    outcome = await database.transaction(async (tx): Promise<RotationOutcome> => {
      const context = await loadTokenProjectContext(tx, { actor, projectId: options.projectId, now, selfService });
      const [old] = await tx
        .select()
        .from(accessTokens)
        .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.projectId, options.projectId), eq(accessTokens.kind, 'project')))
        .for('update');
      if (!old) throw new AppError('not_found', 'Project access token not found');
      if (selfService && old.userId !== actor.id) throw new AppError('forbidden', BOTS_CANNOT_CREATE_MESSAGE);

      if (old.revoked) {
        const [successor] = await tx.select({ id: accessTokens.id }).from(accessTokens).where(eq(accessTokens.previousTokenId, old.id));
        if (!successor) throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
        const revokedIds = await revokeTokenChain(tx, old.id, now);
        await recordAuditEvent(tx, {
          author: selfService ? null : actor,
          action: 'project_access_token_reuse_detected',
          target: { type: 'Project', id: context.project.id, name: context.project.fullPath },
          details: { tokenId: old.id, tokenName: old.name, revokedTokenIds: revokedIds },
          ipAddress: options.ipAddress,
        });
        return { kind: 'reuse' };
      }
      if (hasEnded(old.expiresAt, now) || old.userId === null) throw new AppError('invalid', 'Token already expired');
      assertCreationAllowed(context);
      if (!selfService && context.level < (old.accessLevel ?? 0)) {
        throw new AppError('forbidden', 'Not eligible to rotate token with access level higher than the user');
      }
      const expiresAt = resolveExpiresAt(options.expiresAt, context.window, cappedExpiry(context.window, ROTATION_DEFAULT_LIFETIME_DAYS));

      await tx.update(accessTokens).set({ revoked: true, revokedAt: now }).where(eq(accessTokens.id, old.id));
      const token = generateToken(context.settings.tokenPrefix);
      const [created] = await tx
        .insert(accessTokens)
        .values({
          kind: 'project',
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
      // The bot's membership ends with its token.
      await tx
        .update(projectMembers)
        .set({ expiresAt })
        .where(and(eq(projectMembers.projectId, context.project.id), eq(projectMembers.userId, old.userId)));
      await recordAuditEvent(tx, {
        author: actor,
        action: 'project_access_token_rotated',
        target: { type: 'Project', id: context.project.id, name: context.project.fullPath },
        details: { tokenId: created.id, previousTokenId: old.id, tokenName: old.name, expiresAt },
        ipAddress: options.ipAddress,
      });
      return { kind: 'rotated', token, accessToken: toProjectAccessTokenDto(created, now) };
    });
  } catch (error) {
    // Two rotations of one token that slipped past the row lock: the second loses on the unique index.
    if (isUniqueViolation(error, 'access_tokens_previous_idx')) throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
    throw error;
  }
  if (outcome.kind === 'reuse') throw new AppError('invalid', TOKEN_ALREADY_REVOKED);
  return { token: outcome.token, accessToken: outcome.accessToken };
}
