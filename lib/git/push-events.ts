import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { pushEvents, users } from '@/db/schema';
import { db } from '@/db/client';

/** One updated ref as git's post-receive hook reports it. */
export interface RefUpdate {
  ref: string;
  beforeSha: string;
  afterSha: string;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Parses post-receive's standard input: `<old> <new> <ref>` per line; anything else is skipped. */
export function parseRefUpdates(text: string): RefUpdate[] {
  return text.split('\n').flatMap((line) => {
    const [beforeSha, afterSha, ref, ...extra] = line.trim().split(' ');
    if (!beforeSha || !afterSha || !ref || extra.length > 0 || !SHA.test(beforeSha) || !SHA.test(afterSha)) return [];
    if (!ref.startsWith('refs/')) return [];
    return [{ ref, beforeSha, afterSha }];
  });
}

/** Records a push's ref updates as push events authored by the pushing user or bot. */
export async function recordPushEvents(options: { projectId: number; authorId: number; updates: RefUpdate[]; now?: Date }): Promise<void> {
  if (options.updates.length === 0) return;
  const now = options.now ?? new Date();
  await (await db()).insert(pushEvents).values(
    options.updates.map((update) => ({
      projectId: options.projectId,
      authorId: options.authorId,
      ...update,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export interface PushEventView {
  ref: string;
  /** `main` for refs/heads/main, `v1.0` for refs/tags/v1.0. */
  refName: string;
  refType: 'branch' | 'tag' | 'other';
  action: 'pushed to' | 'pushed new' | 'deleted';
  beforeSha: string;
  afterSha: string;
  createdAt: Date;
  author: { username: string; name: string };
}

const ZERO = /^0+$/;

/** The project's most recent push, for its overview page. Callers have already checked the viewer may see the project. */
export async function latestPushEvent(projectId: number): Promise<PushEventView | null> {
  const [row] = await (
    await db()
  )
    .select({ event: pushEvents, username: users.username, name: users.name })
    .from(pushEvents)
    .innerJoin(users, eq(users.id, pushEvents.authorId))
    .where(eq(pushEvents.projectId, projectId))
    .orderBy(desc(pushEvents.createdAt), desc(pushEvents.id))
    .limit(1);
  if (!row) return null;
  const { ref, beforeSha, afterSha, createdAt } = row.event;
  const refType = ref.startsWith('refs/heads/') ? 'branch' : ref.startsWith('refs/tags/') ? 'tag' : 'other';
  return {
    ref,
    refName: ref.replace(/^refs\/(heads|tags)\//, ''),
    refType,
    action: ZERO.test(afterSha) ? 'deleted' : ZERO.test(beforeSha) ? 'pushed new' : 'pushed to',
    beforeSha,
    afterSha,
    createdAt,
    author: { username: row.username, name: row.name },
  };
}
