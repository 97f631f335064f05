import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accessTokens, projectMembers } from '@/db/schema';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { removeProjectBot } from '../bots/project-bots';
import { toProjectAccessTokenDto, type ProjectAccessTokenDto } from './dto';
import { assertCreationAllowed, loadTokenProjectContext } from './project-context';
import { rotateAccessToken } from './rotation';
import { BOTS_CANNOT_CREATE_MESSAGE } from './token-rules';

export { TOKEN_ALREADY_REVOKED } from './rotation';

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

/**
 * Replaces a project token with a new one (same name, description, scopes, role and bot) and
 * revokes the old one, in one transaction (see rotateAccessToken). On re-use of a rotated token
 * the whole chain is revoked and its bot deleted.
 */
export async function rotateProjectAccessToken(
  options: RotateProjectAccessTokenOptions,
): Promise<{ token: string; accessToken: ProjectAccessTokenDto }> {
  const now = options.now ?? new Date();
  const { actor } = options;
  const selfService = actor.userType !== 'human';
  const { token, row } = await rotateAccessToken({
    actor,
    now,
    expiresAt: options.expiresAt,
    ipAddress: options.ipAddress,
    async load(tx) {
      const context = await loadTokenProjectContext(tx, { actor, projectId: options.projectId, now, selfService });
      const [old] = await tx
        .select()
        .from(accessTokens)
        .where(and(eq(accessTokens.id, options.tokenId), eq(accessTokens.projectId, options.projectId), eq(accessTokens.kind, 'project')))
        .for('update');
      if (!old) throw new AppError('not_found', 'Project access token not found');
      if (selfService && old.userId !== actor.id) throw new AppError('forbidden', BOTS_CANNOT_CREATE_MESSAGE);
      return {
        old,
        tokenPrefix: context.settings.tokenPrefix,
        window: context.window,
        auditPrefix: 'project_access_token',
        auditTarget: { type: 'Project', id: context.project.id, name: context.project.fullPath },
        reuseAuthor: selfService ? null : actor,
        assertMayRotate() {
          assertCreationAllowed(context);
          if (!selfService && context.level < (old.accessLevel ?? 0)) {
            throw new AppError('forbidden', 'Not eligible to rotate token with access level higher than the user');
          }
        },
        async afterRotate(tx, created) {
          // The bot's membership ends with its token.
          await tx
            .update(projectMembers)
            .set({ expiresAt: created.expiresAt })
            .where(and(eq(projectMembers.projectId, context.project.id), eq(projectMembers.userId, created.userId ?? 0)));
        },
        async afterChainRevoked(tx, userIds) {
          // The chain's bot goes with its tokens (removeProjectBot leaves anyone but a project bot alone).
          for (const userId of userIds) await removeProjectBot(tx, userId);
        },
      };
    },
  });
  return { token, accessToken: toProjectAccessTokenDto(row, now) };
}
