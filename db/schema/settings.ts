import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

/** Instance-wide settings: exactly one row, id 1. */
export const instanceSettings = pgTable(
  'instance_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Maximum allowable lifetime for access tokens in days; null means the default (365). */
    maxAccessTokenLifetimeDays: integer('max_access_token_lifetime_days'),
    tokenPrefix: text('token_prefix').notNull().default('glpat-'),
    signupEnabled: boolean('signup_enabled').notNull().default(true),
    ...timestamps,
  },
  (t) => [check('instance_settings_single_row', sql`${t.id} = 1`)],
);

export type InstanceSettings = typeof instanceSettings.$inferSelect;
