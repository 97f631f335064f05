import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgEnum, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './users';

export const namespaceKindEnum = pgEnum('namespace_kind', ['group', 'user']);
export const visibilityEnum = pgEnum('visibility', ['private', 'internal', 'public']);

/**
 * Groups and personal namespaces, as GitLab has them. A group may have a parent group; a
 * top-level group has none. `traversalIds` is the chain of ids from the top-level group down to
 * this one (GitLab's traversal_ids), so inherited membership is one `= ANY(...)` lookup.
 */
export const namespaces = pgTable(
  'namespaces',
  {
    id: serial('id').primaryKey(),
    kind: namespaceKindEnum('kind').notNull(),
    name: text('name').notNull(),
    path: text('path').notNull(),
    fullPath: text('full_path').notNull(),
    description: text('description').notNull().default(''),
    visibility: visibilityEnum('visibility').notNull().default('private'),
    parentId: integer('parent_id').references((): AnyPgColumn => namespaces.id, { onDelete: 'cascade' }),
    traversalIds: integer('traversal_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** Personal namespaces: the user who owns it. */
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Top-level groups: whether project (and group) access tokens may be created in the tree. */
    resourceAccessTokenCreationAllowed: boolean('resource_access_token_creation_allowed').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('namespaces_full_path_lower_idx').on(sql`lower(${t.fullPath})`),
    uniqueIndex('namespaces_owner_idx').on(t.ownerId),
    index('namespaces_parent_idx').on(t.parentId),
  ],
);

export type Namespace = typeof namespaces.$inferSelect;
export type Visibility = (typeof visibilityEnum.enumValues)[number];
