import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { namespaces, projects, type InstanceSettings, type Project } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { canOnProject, projectAccess } from '../permissions';
import { FIPS_CREATION_DISABLED_MESSAGE, fipsModeEnabled } from '../settings/fips';
import { getInstanceSettings, maxTokenLifetimeDays } from '../settings/instance-settings';
import { expiryWindow, type ExpiryWindow } from './expiry';
import { BOTS_CANNOT_CREATE_MESSAGE, CREATION_DISABLED_MESSAGE } from './token-rules';

/** What every token operation on a project needs to know, gathered after authorization. */
export interface TokenProjectContext {
  project: Pick<Project, 'id' | 'fullPath' | 'namespaceId' | 'visibility'>;
  /** The actor's effective level (admins: Owner). */
  level: number;
  settings: InstanceSettings;
  window: ExpiryWindow;
  /** Null when new tokens may be made; otherwise why not (FIPS mode, a bot actor, or the group's switch). */
  creationBlockedReason: string | null;
}

export interface LoadContextOptions {
  actor: Actor;
  projectId: number;
  now: Date;
  /**
   * Lock the project row so that token creations on one project take turns, and share-lock the
   * top-level group so that switching creation off waits for creations already under way.
   */
  lock?: boolean;
  /** Skip the Maintainer check (a project bot rotating its own token); the project must still be visible. */
  selfService?: boolean;
}

export const projectNotFound = () => new AppError('not_found', 'Project not found');

/**
 * Loads the project and checks that the actor may manage its access tokens (Maintainer+). A
 * project the actor cannot see, or may not manage, is "not found": existence is not revealed.
 */
export async function loadTokenProjectContext(tx: Executor, options: LoadContextOptions): Promise<TokenProjectContext> {
  const query = tx
    .select({ id: projects.id, fullPath: projects.fullPath, namespaceId: projects.namespaceId, visibility: projects.visibility })
    .from(projects)
    .where(eq(projects.id, options.projectId));
  const [project] = options.lock ? await query.for('no key update') : await query;
  if (!project) throw projectNotFound();
  const access = await projectAccess(options.actor, project, { now: options.now, executor: tx });
  const allowed = options.selfService ? access.canView : canOnProject(access, 'manage_access_tokens');
  if (!allowed) throw projectNotFound();
  const settings = await getInstanceSettings(tx);
  const creationAllowed = await tokenCreationAllowed(tx, project.namespaceId, { lock: options.lock });
  return {
    project,
    level: access.level,
    settings,
    window: expiryWindow(options.now, maxTokenLifetimeDays(settings)),
    creationBlockedReason: creationBlockedReason({
      fipsMode: fipsModeEnabled(),
      botActor: options.actor.userType !== 'human' && !options.selfService,
      groupAllows: creationAllowed,
    }),
  };
}

/** Why no token may be made, in order of precedence: FIPS mode, a bot asking, the top-level group's switch. */
export function creationBlockedReason(facts: { fipsMode: boolean; botActor: boolean; groupAllows: boolean }): string | null {
  if (facts.fipsMode) return FIPS_CREATION_DISABLED_MESSAGE;
  if (facts.botActor) return BOTS_CANNOT_CREATE_MESSAGE;
  return facts.groupAllows ? null : CREATION_DISABLED_MESSAGE;
}

/**
 * The top-level group's switch. Only groups have it; projects in a personal namespace are not
 * affected.
 */
export async function tokenCreationAllowed(
  executor: Executor,
  namespaceId: number,
  { lock = false }: { lock?: boolean } = {},
): Promise<boolean> {
  const query = executor
    .select({ kind: sql<string>`top.kind`, allowed: sql<boolean>`top.resource_access_token_creation_allowed` })
    .from(namespaces)
    .innerJoin(sql`namespaces top`, sql`top.id = ${namespaces.traversalIds}[1]`)
    .where(eq(namespaces.id, namespaceId));
  const [row] = lock ? await query.for('share') : await query;
  return !row || row.kind !== 'group' || row.allowed;
}

/** Throws when new tokens may not be made here. */
export function assertCreationAllowed(context: TokenProjectContext): void {
  if (context.creationBlockedReason) throw new AppError('forbidden', context.creationBlockedReason);
}
