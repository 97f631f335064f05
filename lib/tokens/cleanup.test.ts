import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, projectMembers, users } from '@/db/schema';
import { db } from '@/db/client';
import { recordAuditEvent } from '@/lib/audit/audit-events';
import { withFreshDatabase } from '@/tests/database';
import { authenticateToken } from './authenticate';
import { removeBotsOfInactiveTokens } from './cleanup';
import { revokeProjectAccessToken, rotateProjectAccessToken } from './project-access-tokens';
import { createToken, groupProject, NOW } from '@/tests/token-factories';

withFreshDatabase();

async function botExists(id: number | null) {
  return (
    (
      await (
        await db()
      )
        .select({ id: users.id })
        .from(users)
        .where(eq(users.id, id ?? 0))
    ).length === 1
  );
}

describe('removeBotsOfInactiveTokens', () => {
  it('removes the bots of expired tokens only, moving their records to the Ghost User, and is idempotent', async () => {
    const { owner, project } = await groupProject();
    const expiring = await createToken(owner, project.id, { name: 'expiring', expiresAt: '2030-01-12' });
    const lasting = await createToken(owner, project.id, { name: 'lasting', expiresAt: '2030-03-01' });
    const rotatedAway = await createToken(owner, project.id, { name: 'rotated', expiresAt: '2030-01-12' });
    const successor = await rotateProjectAccessToken({
      actor: owner,
      projectId: project.id,
      tokenId: rotatedAway.accessToken.id,
      expiresAt: '2030-03-01',
      now: NOW,
    });
    const revoked = await createToken(owner, project.id, { name: 'revoked' });
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: revoked.accessToken.id, now: NOW });

    const database = await db();
    const expiringBot = expiring.accessToken.userId;
    await recordAuditEvent(database, {
      author: { id: expiringBot ?? 0, username: 'bot' },
      action: 'api_call',
      target: { type: 'Project', id: project.id },
    });
    const eventsBefore = (await database.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;

    // Before the expiry date nothing is due.
    expect(await removeBotsOfInactiveTokens({ now: new Date('2030-01-11T23:59:59Z') })).toEqual({ botsRemoved: 0 });

    const later = new Date('2030-01-12T00:00:00Z');
    expect(await removeBotsOfInactiveTokens({ now: later })).toEqual({ botsRemoved: 1 });
    expect(await botExists(expiringBot)).toBe(false);
    expect(
      await database
        .select()
        .from(projectMembers)
        .where(eq(projectMembers.userId, expiringBot ?? 0)),
    ).toEqual([]);
    const [ghost] = await database.select().from(users).where(eq(users.userType, 'ghost'));
    expect((await database.select().from(auditEvents).where(eq(auditEvents.action, 'api_call')))[0]?.authorId).toBe(ghost?.id);
    // Its events are all still there, plus one saying the bot was removed.
    expect((await database.select({ n: count() }).from(auditEvents))[0]?.n).toBe(eventsBefore + 1);

    expect(await botExists(lasting.accessToken.userId)).toBe(true);
    expect(await botExists(successor.accessToken.userId)).toBe(true);
    expect((await authenticateToken(successor.token, { now: later })).ok).toBe(true);
    expect(await authenticateToken(expiring.token, { now: later })).toEqual({ ok: false, reason: 'expired' });

    expect(await removeBotsOfInactiveTokens({ now: later })).toEqual({ botsRemoved: 0 });
  });

  it('two runs at once remove each bot once', async () => {
    const { owner, project } = await groupProject();
    await createToken(owner, project.id, { expiresAt: '2030-01-12' });
    await createToken(owner, project.id, { expiresAt: '2030-01-12' });
    const later = new Date('2030-01-13T00:00:00Z');
    const [first, second] = await Promise.all([removeBotsOfInactiveTokens({ now: later }), removeBotsOfInactiveTokens({ now: later })]);
    expect((first?.botsRemoved ?? 0) + (second?.botsRemoved ?? 0)).toBe(2);
  });
});
