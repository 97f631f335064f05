import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { accessTokens, auditEvents, groupMembers, projectMembers, projects, pushEvents, users } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Actor } from '../actor';
import { toActor, publicHost } from '../users/users';
import { ghostUser } from '../users/ghost-user';
import { botIdentity, nextBotIndex } from './bot-identity';

export interface CreateProjectBotOptions {
  projectId: number;
  /** The bot's display name: the token's name. */
  name: string;
  /** Role of the bot's project membership (the token's role). */
  accessLevel: number;
  /** The membership ends with the token: at 00:00 UTC on this date. */
  expiresAt: string;
  /** Who created the token. */
  createdById: number;
}

/**
 * Creates a project bot and its one membership inside the caller's transaction. The caller holds
 * a lock on the project, so bots of one project are created one at a time; a username or e-mail
 * taken by someone else meanwhile is skipped and the next number tried.
 */
export async function createProjectBot(tx: Executor, options: CreateProjectBotOptions): Promise<Actor> {
  const host = publicHost();
  const existing = await tx
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(eq(users.botProjectId, options.projectId));
  const usernames = existing.map((row) => row.username);
  const emails = existing.map((row) => row.email);
  for (let attempt = 0; attempt < 50; attempt++) {
    const index = nextBotIndex(options.projectId, host, { usernames, emails });
    const identity = botIdentity(options.projectId, index, host);
    const [bot] = await tx
      .insert(users)
      .values({
        username: identity.username,
        email: identity.email,
        name: options.name,
        passwordHash: null,
        userType: 'project_bot',
        botProjectId: options.projectId,
      })
      .onConflictDoNothing()
      .returning();
    if (bot) {
      await tx.insert(projectMembers).values({
        projectId: options.projectId,
        userId: bot.id,
        accessLevel: options.accessLevel,
        expiresAt: options.expiresAt,
        createdById: options.createdById,
      });
      return toActor(bot);
    }
    usernames.push(identity.username);
    emails.push(identity.email);
  }
  throw new Error(`no free bot username for project ${options.projectId}`);
}

/**
 * Deletes a project bot inside the caller's transaction, after moving everything it authored to
 * the Ghost User so no history is lost. Locks the bot first, so concurrent removals take turns.
 * Returns false when the bot was already gone.
 */
export async function removeProjectBot(tx: Executor, botId: number): Promise<boolean> {
  const [bot] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.id} = ${botId} and ${users.userType} = 'project_bot'`)
    .for('update');
  if (!bot) return false;
  const ghost = await ghostUser(tx);
  await tx.update(auditEvents).set({ authorId: ghost.id }).where(eq(auditEvents.authorId, bot.id));
  await tx.update(groupMembers).set({ createdById: ghost.id }).where(eq(groupMembers.createdById, bot.id));
  await tx.update(projectMembers).set({ createdById: ghost.id }).where(eq(projectMembers.createdById, bot.id));
  await tx.update(projects).set({ creatorId: ghost.id }).where(eq(projects.creatorId, bot.id));
  await tx.update(accessTokens).set({ createdById: ghost.id }).where(eq(accessTokens.createdById, bot.id));
  await tx.update(pushEvents).set({ authorId: ghost.id }).where(eq(pushEvents.authorId, bot.id));
  await tx.delete(projectMembers).where(eq(projectMembers.userId, bot.id));
  await tx.delete(groupMembers).where(eq(groupMembers.userId, bot.id));
  await tx.delete(users).where(eq(users.id, bot.id));
  return true;
}
