import 'server-only';
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { accessTokens, projects } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import type { MaybeActor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { removeProjectBot } from '../bots/project-bots';
import { assertInstanceAdmin } from '../permissions';
import { getInstanceSettings, maxTokenLifetimeDays } from '../settings/instance-settings';
import { expiryWindow } from './expiry';
import { forgettingCachedAuthentications } from './authentication-cache';

/**
 * Lowering the maximum lifetime never breaks running automation by itself: tokens made under the
 * old limit keep working. They are listed for the admin, who may revoke them in one go (GitLab
 * revokes them automatically after a delay; Keyhold leaves that decision to the admin).
 */
export interface TokenOverLimitDto {
  id: number;
  name: string;
  kind: 'personal' | 'project';
  /** The project of a project token; null for personal tokens. */
  projectId: number | null;
  projectFullPath: string | null;
  expiresAt: string;
  createdAt: Date;
}

export interface TokensOverLimit {
  /** The latest expiry the current limit allows for a token made today. */
  maxExpiresAt: string;
  maxLifetimeDays: number;
  tokens: TokenOverLimitDto[];
}

/** Active tokens expire after the latest date allowed today (revoked ones no longer matter). */
function overLimit(maxExpiresAt: string) {
  return and(eq(accessTokens.revoked, false), gt(accessTokens.expiresAt, maxExpiresAt));
}

async function currentMaxExpiry(executor: Executor, now: Date) {
  const days = maxTokenLifetimeDays(await getInstanceSettings(executor));
  return { days, maxExpiresAt: expiryWindow(now, days).max };
}

/** How many active tokens expire later than the current maximum lifetime allows (inside the caller's transaction). */
export async function countTokensOverLimit(executor: Executor, now: Date): Promise<number> {
  const { maxExpiresAt } = await currentMaxExpiry(executor, now);
  const [row] = await executor.select({ value: count() }).from(accessTokens).where(overLimit(maxExpiresAt));
  return row?.value ?? 0;
}

/** The active tokens that outlive the current maximum lifetime, latest expiry first; admins only. */
export async function listTokensOverLimit({ actor, now = new Date() }: { actor: MaybeActor; now?: Date }): Promise<TokensOverLimit> {
  assertInstanceAdmin(actor);
  const database = await db();
  const { days, maxExpiresAt } = await currentMaxExpiry(database, now);
  const rows = await database
    .select({
      id: accessTokens.id,
      name: accessTokens.name,
      kind: accessTokens.kind,
      projectId: accessTokens.projectId,
      projectFullPath: projects.fullPath,
      expiresAt: accessTokens.expiresAt,
      createdAt: accessTokens.createdAt,
    })
    .from(accessTokens)
    .leftJoin(projects, eq(projects.id, accessTokens.projectId))
    .where(overLimit(maxExpiresAt))
    .orderBy(asc(projects.fullPath), asc(accessTokens.name), asc(accessTokens.id));
  return { maxExpiresAt, maxLifetimeDays: days, tokens: rows.map((row) => ({ ...row, projectFullPath: row.projectFullPath ?? null })) };
}

export interface RevokeTokensOverLimitOptions {
  actor: MaybeActor;
  now?: Date;
  ipAddress?: string | null;
}

/**
 * Revokes every active token that outlives the current maximum lifetime, in one transaction: the
 * tokens stop working, project tokens' bots are deleted (their history moves to the Ghost User),
 * and each revocation is audited. Which tokens is decided here, under the settings lock, never
 * from ids a form posted.
 */
export async function revokeTokensOverLimit({
  actor,
  now = new Date(),
  ipAddress,
}: RevokeTokensOverLimitOptions): Promise<{ revoked: number }> {
  assertInstanceAdmin(actor);
  const database = await db();
  return forgettingCachedAuthentications(
    database.transaction(async (tx) => {
      // Holding the settings row keeps the limit from moving while we revoke.
      const settings = await getInstanceSettings(tx, { lock: true });
      const maxExpiresAt = expiryWindow(now, maxTokenLifetimeDays(settings)).max;
      const tokens = await tx
        .select({
          id: accessTokens.id,
          name: accessTokens.name,
          kind: accessTokens.kind,
          userId: accessTokens.userId,
          projectId: accessTokens.projectId,
          expiresAt: accessTokens.expiresAt,
        })
        .from(accessTokens)
        .where(overLimit(maxExpiresAt))
        .orderBy(asc(accessTokens.id))
        .for('update');
      if (tokens.length === 0) return { revoked: 0 };
      await tx
        .update(accessTokens)
        .set({ revoked: true, revokedAt: now })
        .where(
          inArray(
            accessTokens.id,
            tokens.map((token) => token.id),
          ),
        );
      const projectPaths = new Map<number, string>();
      const projectIds = [...new Set(tokens.map((token) => token.projectId).filter((id): id is number => id !== null))];
      if (projectIds.length > 0) {
        const rows = await tx
          .select({ id: projects.id, fullPath: projects.fullPath })
          .from(projects)
          .where(inArray(projects.id, projectIds));
        for (const row of rows) projectPaths.set(row.id, row.fullPath);
      }
      for (const token of tokens) {
        const isProject = token.kind === 'project' && token.projectId !== null;
        await recordAuditEvent(tx, {
          author: actor,
          action: isProject ? 'project_access_token_revoked' : 'personal_access_token_revoked',
          target: isProject
            ? { type: 'Project', id: token.projectId, name: projectPaths.get(token.projectId ?? 0) ?? '' }
            : { type: 'User', id: token.userId },
          details: {
            tokenId: token.id,
            tokenName: token.name,
            expiresAt: token.expiresAt,
            reason: 'exceeds maximum lifetime',
            maxExpiresAt,
          },
          ipAddress,
        });
        if (isProject && token.userId !== null) await removeProjectBot(tx, token.userId);
      }
      return { revoked: tokens.length };
    }),
  );
}
