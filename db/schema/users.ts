import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

export const userTypeEnum = pgEnum('user_type', ['human', 'project_bot', 'group_bot', 'ghost']);
export const userStateEnum = pgEnum('user_state', ['active', 'blocked']);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** bcrypt hash; null for users who cannot sign in with a password (bots, the ghost). */
    passwordHash: text('password_hash'),
    userType: userTypeEnum('user_type').notNull().default('human'),
    isAdmin: boolean('is_admin').notNull().default(false),
    state: userStateEnum('state').notNull().default('active'),
    /** For project bots: the one project the bot belongs to. */
    botProjectId: integer('bot_project_id'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    /** Finding a project's bots (next free bot username) is one index lookup. */
    index('users_bot_project_idx').on(t.botProjectId),
    /** There is exactly one Ghost User; this also makes finding it an index lookup. */
    uniqueIndex('users_single_ghost_idx')
      .on(t.userType)
      .where(sql`${t.userType} = 'ghost'`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserType = (typeof userTypeEnum.enumValues)[number];
