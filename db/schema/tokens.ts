import { boolean, date, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { type AnyPgColumn } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { projects } from './projects';
import { users } from './users';

export const tokenKindEnum = pgEnum('token_kind', ['personal', 'project']);

/**
 * Personal and project access tokens (GitLab keeps both in personal_access_tokens: a project
 * token is the token of the project's bot user). Only an HMAC digest of the secret is stored.
 */
export const accessTokens = pgTable(
  'access_tokens',
  {
    id: serial('id').primaryKey(),
    kind: tokenKindEnum('kind').notNull(),
    /** Owner of the token: the human for personal tokens, the bot for project tokens. Null once the bot is deleted. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    digest: text('digest').notNull(),
    scopes: text('scopes').array().notNull(),
    /** Role of a project token, kept here so the inactive list still shows it after the bot is gone. */
    accessLevel: integer('access_level'),
    /** The token stops working at 00:00 UTC on this date. */
    expiresAt: date('expires_at', { mode: 'string' }).notNull(),
    revoked: boolean('revoked').notNull().default(false),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    previousTokenId: integer('previous_token_id').references((): AnyPgColumn => accessTokens.id, {
      onDelete: 'set null',
    }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    lastUsedIps: text('last_used_ips').array().notNull().default([]),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('access_tokens_digest_idx').on(t.digest),
    index('access_tokens_project_idx').on(t.projectId),
    index('access_tokens_user_idx').on(t.userId),
    /** Deleting a user (a bot on revoke) must find the tokens it created without a full scan. */
    index('access_tokens_created_by_idx').on(t.createdById),
    uniqueIndex('access_tokens_previous_idx').on(t.previousTokenId),
  ],
);

export type AccessToken = typeof accessTokens.$inferSelect;
