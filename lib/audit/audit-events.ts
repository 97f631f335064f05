import 'server-only';
import { auditEvents } from '@/db/schema';
import type { Executor } from '@/db/client';

export interface AuditEventInput {
  /** Who acted; null for the system itself. */
  author: { id: number; username: string } | null;
  action: string;
  target: { type: string; id?: number | null; name?: string };
  details?: Record<string, unknown>;
  ipAddress?: string | null;
}

/** Records an audit event inside the caller's transaction, so it exists exactly when the change does. */
export async function recordAuditEvent(executor: Executor, event: AuditEventInput): Promise<void> {
  await executor.insert(auditEvents).values({
    authorId: event.author?.id ?? null,
    authorName: event.author?.username ?? 'system',
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id ?? null,
    targetName: event.target.name ?? '',
    details: event.details ?? {},
    ipAddress: event.ipAddress ?? null,
  });
}
