import 'server-only';
import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents, projects } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { assertInstanceAdmin } from '../permissions';

export const AUDIT_EVENTS_PER_PAGE = 20;

/** An audit event as Admin > Audit events shows it. */
export interface AuditEventDto {
  id: number;
  createdAt: Date;
  /** The actor's username at the time ("system" for the instance itself). */
  authorName: string;
  action: string;
  targetType: string;
  targetId: number | null;
  targetName: string;
  details: Record<string, unknown>;
  ipAddress: string | null;
}

export interface ListAuditEventsOptions {
  actor: MaybeActor;
  /** The acting user's username, exact and case-insensitive. */
  authorUsername?: string;
  /** One action, e.g. `application_settings_updated`. */
  action?: string;
  /** A project's full path: events whose target is that project. */
  projectFullPath?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface AuditEventPage {
  events: AuditEventDto[];
  total: number;
  page: number;
  totalPages: number;
  /** Every action recorded so far, for the filter's choices. */
  actions: string[];
}

/** The instance's audit log, newest first, filtered and paginated; admins only. */
export async function listAuditEvents(options: ListAuditEventsOptions): Promise<AuditEventPage> {
  assertInstanceAdmin(options.actor);
  const perPage = options.perPage ?? AUDIT_EVENTS_PER_PAGE;
  const database = await db();
  const conditions: SQL[] = [];
  const author = options.authorUsername?.trim();
  if (author) conditions.push(sql`lower(${auditEvents.authorName}) = lower(${author})`);
  const action = options.action?.trim();
  if (action) conditions.push(eq(auditEvents.action, action));
  const projectPath = options.projectFullPath?.trim().replace(/^\/+|\/+$/g, '');
  if (projectPath) {
    const [project] = await database
      .select({ id: projects.id })
      .from(projects)
      .where(sql`lower(${projects.fullPath}) = lower(${projectPath})`);
    // By id while the project exists; by the name recorded at the time for events of a project since renamed away or deleted.
    const target = or(
      project ? eq(auditEvents.targetId, project.id) : undefined,
      sql`lower(${auditEvents.targetName}) = lower(${projectPath})`,
    );
    conditions.push(and(eq(auditEvents.targetType, 'Project'), target) ?? sql`false`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [totalRow] = await database.select({ value: count() }).from(auditEvents).where(where);
  const total = totalRow?.value ?? 0;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), totalPages);
  const [rows, actionRows] = await Promise.all([
    database
      .select({
        id: auditEvents.id,
        createdAt: auditEvents.createdAt,
        authorName: auditEvents.authorName,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        targetName: auditEvents.targetName,
        details: auditEvents.details,
        ipAddress: auditEvents.ipAddress,
      })
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    database.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action),
  ]);
  return { events: rows, total, page, totalPages, actions: actionRows.map((row) => row.action) };
}
