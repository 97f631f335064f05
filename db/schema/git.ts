import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { projects } from './projects';
import { users } from './users';

/** One ref updated by a `git push` over HTTP: who pushed what, shown on the project page. */
export const pushEvents = pgTable(
  'push_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The pushing user or bot; moved to the Ghost User when a bot is deleted. */
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Full ref name, e.g. refs/heads/main. */
    ref: text('ref').notNull(),
    /** 40 zeros when the ref was created. */
    beforeSha: text('before_sha').notNull(),
    /** 40 zeros when the ref was deleted. */
    afterSha: text('after_sha').notNull(),
    ...timestamps,
  },
  (t) => [index('push_events_project_created_idx').on(t.projectId, t.createdAt), index('push_events_author_idx').on(t.authorId)],
);

/**
 * Failed HTTP Basic authentications per client address (GitLab's Rack::Attack git ban). Kept in
 * the database so every app instance sees the same counts and bans.
 */
export const authenticationBans = pgTable('authentication_bans', {
  ipAddress: text('ip_address').primaryKey(),
  failures: integer('failures').notNull().default(0),
  /** Start of the window the failures are counted in. */
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  bannedUntil: timestamp('banned_until', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export type PushEvent = typeof pushEvents.$inferSelect;
