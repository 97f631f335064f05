import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

/** Instance-wide settings: exactly one row, id 1. */
export const instanceSettings = pgTable(
  'instance_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Maximum allowable lifetime for access tokens in days (1–400); null means the default (365). */
    maxAccessTokenLifetimeDays: integer('max_access_token_lifetime_days'),
    /** Prefix of new tokens; old tokens keep theirs (the digest covers the whole token). */
    tokenPrefix: text('token_prefix').notNull().default('glpat-'),
    signupEnabled: boolean('signup_enabled').notNull().default(true),
    /** The token-creation switch a new top-level group starts with. */
    projectAccessTokenCreationDefault: boolean('project_access_token_creation_default').notNull().default(true),
    /** Whether project bots see Internal projects (GitLab's default: they are internal users and do). */
    botsCanReadInternalProjects: boolean('bots_can_read_internal_projects').notNull().default(true),
    /** Whether Git over HTTP accepts a human's username and password (tokens always work). */
    passwordAuthenticationEnabledForGit: boolean('password_authentication_enabled_for_git').notNull().default(true),
    /** Largest generic package file accepted, in bytes (GitLab's default: 5 GiB). */
    genericPackagesMaxFileSize: bigint('generic_packages_max_file_size', { mode: 'number' }).notNull().default(5368709120),
    /** Whether a generic package version may receive the same file name twice. */
    genericDuplicatesAllowed: boolean('generic_duplicates_allowed').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    check('instance_settings_single_row', sql`${t.id} = 1`),
    check('instance_settings_max_lifetime_range', sql`${t.maxAccessTokenLifetimeDays} between 1 and 400`),
    check('instance_settings_generic_packages_max_file_size_positive', sql`${t.genericPackagesMaxFileSize} > 0`),
    check('instance_settings_token_prefix_shape', sql`${t.tokenPrefix} ~ '^[A-Za-z0-9_-]{0,20}$'`),
  ],
);

export type InstanceSettings = typeof instanceSettings.$inferSelect;
