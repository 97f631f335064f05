import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessTokens, users } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { withFreshDatabase } from '@/tests/database';
import { createToken, groupProject } from '@/tests/token-factories';
import { authenticateToken } from './authenticate';
import { forgetCachedAuthentications } from './authentication-cache';
import { revokeProjectAccessToken } from './project-access-tokens';

withFreshDatabase();

/** Retries until the check passes: a notification from another connection arrives asynchronously. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

async function reason(token: string) {
  const result = await authenticateToken(token);
  return result.ok ? 'ok' : result.reason;
}

/** A cached, working token: the first call starts listening, the second is answered from memory. */
async function cachedToken() {
  const { owner, project } = await groupProject();
  const created = await createToken(owner, project.id, { scopes: ['api'], accessLevel: AccessLevel.Developer, expiresAt: undefined });
  expect(await eventually(async () => (await reason(created.token)) === 'ok')).toBe(true);
  return { owner, project, ...created };
}

describe('the token authentication cache', () => {
  it('answers from memory: a change the triggers do not see is not noticed until the cache is dropped', async () => {
    const { token, accessToken } = await cachedToken();
    const database = await db();
    // Bypass the triggers as a stand-in for a write the notifications would miss.
    await database.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(accessTokens).set({ revoked: true }).where(eq(accessTokens.id, accessToken.id));
    });
    expect(await reason(token)).toBe('ok');
    forgetCachedAuthentications();
    expect(await reason(token)).toBe('revoked');
  });

  it('forgets a token revoked through lib/ at once, in the same process', async () => {
    const { owner, project, token, accessToken } = await cachedToken();
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: accessToken.id });
    expect(await reason(token)).toBe('revoked');
  });

  it('forgets a token revoked by another process (a plain UPDATE): the trigger notifies every listener', async () => {
    const { token, accessToken } = await cachedToken();
    await (await db()).update(accessTokens).set({ revoked: true }).where(eq(accessTokens.id, accessToken.id));
    expect(await eventually(async () => (await reason(token)) === 'revoked')).toBe(true);
  });

  it('forgets a token whose user was blocked or deleted elsewhere', async () => {
    const { token, accessToken } = await cachedToken();
    await (await db()).update(users).set({ state: 'blocked' }).where(eq(users.id, accessToken.userId!));
    expect(await eventually(async () => (await reason(token)) === 'blocked')).toBe(true);
  });

  it('forgets a deleted token', async () => {
    const { token, accessToken } = await cachedToken();
    await (await db()).delete(accessTokens).where(eq(accessTokens.id, accessToken.id));
    expect(await eventually(async () => (await reason(token)) === 'unknown')).toBe(true);
  });

  it('still decides expiry per request from the cached date', async () => {
    const { token, accessToken } = await cachedToken();
    const dayAfterExpiry = new Date(`${accessToken.expiresAt}T00:00:00Z`);
    const result = await authenticateToken(token, { now: dayAfterExpiry });
    expect(result.ok ? 'ok' : result.reason).toBe('expired');
  });
});
