import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './users';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The acting user; reassigned to the Ghost User when a bot is deleted, so history stays whole. */
    authorId: integer('author_id').references(() => users.id, { onDelete: 'restrict' }),
    /** Name of the actor at the time of the event, kept even if the user is later deleted. */
    authorName: text('author_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: integer('target_id'),
    targetName: text('target_name').notNull().default(''),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ipAddress: text('ip_address'),
    ...timestamps,
  },
  (t) => [
    index('audit_events_author_idx').on(t.authorId),
    index('audit_events_target_idx').on(t.targetType, t.targetId),
    // The admin audit log filters by action and by the actor's username.
    index('audit_events_action_idx').on(t.action),
    index('audit_events_author_name_lower_idx').on(sql`lower(${t.authorName})`),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
