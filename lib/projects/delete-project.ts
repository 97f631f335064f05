import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accessTokens, projects, routes, users } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { removeProjectBot } from '../bots/project-bots';
import { forgetCachedAuthentications } from '../tokens/authentication-cache';
import { AppError } from '../errors';
import { setRepositoryAsideForDeletion } from '../git/repositories';
import { canOnProject, projectAccess } from '../permissions';

export interface DeleteProjectOptions {
  actor: Actor;
  projectId: number;
  ipAddress?: string | null;
}

/**
 * Deletes a project (Owners) in one transaction. Its tokens go with it and so do its bot users
 * (what they authored moves to the Ghost User), so a deleted project's token can never
 * authenticate again, even if a project with the same path is created later. Its repository is
 * moved aside inside the transaction, put back if the transaction fails, and removed once it commits.
 */
export async function deleteProject(options: DeleteProjectOptions): Promise<void> {
  const database = await db();
  const repository: { aside: Awaited<ReturnType<typeof setRepositoryAsideForDeletion>> | null } = { aside: null };
  try {
    await database.transaction(async (tx) => {
      const [project] = await tx.select().from(projects).where(eq(projects.id, options.projectId)).for('update');
      const access = project ? await projectAccess(options.actor, project, { executor: tx }) : null;
      if (!project || !access?.canView) throw new AppError('not_found', 'Project Not Found');
      if (!canOnProject(access, 'remove_project')) throw new AppError('forbidden', 'Only Owners can delete a project');
      const bots = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.userType, 'project_bot'), eq(users.botProjectId, project.id)));
      // Recorded first: when the actor is one of the project's own bots, its removal below moves
      // this event to the Ghost User like everything else the bot authored.
      await recordAuditEvent(tx, {
        author: options.actor,
        action: 'project_deleted',
        target: { type: 'Project', id: project.id, name: project.fullPath },
        details: { botsRemoved: bots.length },
        ipAddress: options.ipAddress,
      });
      for (const bot of bots) await removeProjectBot(tx, bot.id);
      await tx.delete(accessTokens).where(eq(accessTokens.projectId, project.id));
      await tx.delete(routes).where(and(eq(routes.sourceType, 'project'), eq(routes.sourceId, project.id)));
      await tx.delete(projects).where(eq(projects.id, project.id));
      repository.aside = await setRepositoryAsideForDeletion(project.id);
    });
  } catch (error) {
    await repository.aside
      ?.rollback()
      .catch((rollbackError: unknown) => console.error('Keyhold: could not restore a repository', rollbackError));
    throw error;
  }
  // The project's tokens are gone: this process must not answer them from its cache until the notification arrives.
  forgetCachedAuthentications();
  await repository.aside?.commit().catch((error: unknown) => console.error('Keyhold: could not remove a deleted repository', error));
}
