import { date, index, integer, pgTable, serial, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { namespaces } from './namespaces';
import { projects } from './projects';
import { users } from './users';

const memberColumns = {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** GitLab access level: Guest 10, Reporter 20, Developer 30, Maintainer 40, Owner 50. */
  accessLevel: integer('access_level').notNull(),
  /** Membership ends at the start of this day (UTC); null means no end. */
  expiresAt: date('expires_at', { mode: 'string' }),
  createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  ...timestamps,
};

export const groupMembers = pgTable(
  'group_members',
  {
    ...memberColumns,
    groupId: integer('group_id')
      .notNull()
      .references(() => namespaces.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('group_members_group_user_idx').on(t.groupId, t.userId),
    index('group_members_user_idx').on(t.userId),
    // Deleting a bot reassigns what it created; without this each deletion scans the table.
    index('group_members_created_by_idx').on(t.createdById),
  ],
);

export const projectMembers = pgTable(
  'project_members',
  {
    ...memberColumns,
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('project_members_project_user_idx').on(t.projectId, t.userId),
    index('project_members_user_idx').on(t.userId),
    index('project_members_created_by_idx').on(t.createdById),
  ],
);

export type GroupMember = typeof groupMembers.$inferSelect;
export type ProjectMember = typeof projectMembers.$inferSelect;
