import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { namespaces, visibilityEnum } from './namespaces';
import { users } from './users';

export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    namespaceId: integer('namespace_id')
      .notNull()
      .references(() => namespaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    path: text('path').notNull(),
    fullPath: text('full_path').notNull(),
    description: text('description').notNull().default(''),
    visibility: visibilityEnum('visibility').notNull().default('private'),
    creatorId: integer('creator_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('projects_full_path_lower_idx').on(sql`lower(${t.fullPath})`),
    index('projects_namespace_idx').on(t.namespaceId),
    index('projects_creator_idx').on(t.creatorId),
  ],
);

export type Project = typeof projects.$inferSelect;
