import { sql } from 'drizzle-orm';
import { integer, pgEnum, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

export const routeSourceEnum = pgEnum('route_source', ['namespace', 'project']);

/**
 * Every full path in one place (GitLab's routes table): groups, personal namespaces and projects
 * share one URL space, so one unique index settles "has already been taken" even under races.
 */
export const routes = pgTable(
  'routes',
  {
    id: serial('id').primaryKey(),
    path: text('path').notNull(),
    sourceType: routeSourceEnum('source_type').notNull(),
    sourceId: integer('source_id').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('routes_path_lower_idx').on(sql`lower(${t.path})`), uniqueIndex('routes_source_idx').on(t.sourceType, t.sourceId)],
);
