import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '../../actor';
import { blockUser, listUsersForAdmin, unblockUser, type AdminUserDto } from '../../admin/users';
import { AppError } from '../../errors';
import { isInstanceAdmin } from '../../permissions';
import { createHumanUser, findUserByUsername } from '../../users/users';
import { pageRequest, paginationHeaders } from '../pagination';
import { optionalBoolean, optionalString, requiredString } from '../params';
import { forbidden, json } from '../responses';
import type { ApiContext, ApiRoute } from '../router';
import { userBasicJson } from '../serializers';

interface UserFields {
  id: number;
  username: string;
  name: string;
  email: string;
  state: 'active' | 'blocked';
  isAdmin: boolean;
  bot: boolean;
  createdAt: Date;
}

/** What an admin sees of a user (GitLab's UserWithAdmin, the fields Keyhold has). */
function adminUserJson(user: UserFields, url: URL) {
  return {
    ...userBasicJson(user, url),
    created_at: user.createdAt.toISOString(),
    email: user.email,
    is_admin: user.isAdmin,
    bot: user.bot,
  };
}

const fromAdminDto = (user: AdminUserDto): UserFields => ({ ...user, bot: user.kind === 'bot' });

/** A user by id, with the fields the API shows; never the password hash. */
export async function userById(id: number): Promise<UserFields | null> {
  const [row] = await (
    await db()
  )
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      email: users.email,
      state: users.state,
      isAdmin: users.isAdmin,
      userType: users.userType,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ? { ...row, bot: row.userType === 'project_bot' || row.userType === 'group_bot' } : null;
}

function userIdOf(context: ApiContext): number {
  const raw = context.path.id ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new AppError('not_found', 'User not found');
  return id;
}

/** Admin routes answer 403 to everyone else, as GitLab's admin API does. */
function adminOnly(context: ApiContext): Actor | null {
  const actor = context.principal!.user;
  return isInstanceAdmin(actor) ? actor : null;
}

export const userAdminRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/users',
    access: 'write',
    summary: 'Create a user (admins): username, name, email, password, admin',
    async handle(context) {
      const actor = adminOnly(context);
      if (!actor) return forbidden();
      const { params, url } = context;
      const created = await createHumanUser({
        username: requiredString(params, 'username'),
        name: requiredString(params, 'name'),
        email: requiredString(params, 'email'),
        password: requiredString(params, 'password'),
        isAdmin: optionalBoolean(params, 'admin') ?? false,
        createdBy: actor,
      });
      const user = await userById(created.id);
      if (!user) throw new AppError('not_found', 'User not found');
      return json(adminUserJson(user, url), { status: 201 });
    },
  },
  {
    method: 'GET',
    path: '/users',
    access: 'read',
    summary: 'List users (admins: search, username, page, per_page); others may look up one exact username',
    async handle(context) {
      const { params, url } = context;
      const username = optionalString(params, 'username')?.trim();
      const actor = adminOnly(context);
      if (!actor) {
        if (username === undefined) return forbidden();
        const user = await findUserByUsername(username);
        const found = user && user.userType !== 'ghost' ? [userBasicJson(user, url)] : [];
        return json(found, { headers: paginationHeaders(url, pageRequest(params), found.length) });
      }
      const page = pageRequest(params);
      if (username !== undefined) {
        const user = await findUserByUsername(username);
        const found = user ? [adminUserJson((await userById(user.id))!, url)] : [];
        return json(found, { headers: paginationHeaders(url, page, found.length) });
      }
      const result = await listUsersForAdmin({ actor, search: optionalString(params, 'search'), page: page.page, perPage: page.perPage });
      // listUsersForAdmin shows the last page for a page past the end; the API answers an empty one.
      const rows = page.page > result.totalPages ? [] : result.users;
      return json(
        rows.map((user) => adminUserJson(fromAdminDto(user), url)),
        { headers: paginationHeaders(url, page, result.total) },
      );
    },
  },
  {
    method: 'GET',
    path: '/users/:id',
    access: 'read',
    notFoundLabel: 'User',
    summary: 'One user: basic fields for anyone, email and is_admin for admins',
    async handle(context) {
      const user = await userById(userIdOf(context));
      if (!user) throw new AppError('not_found', 'User not found');
      return json(adminOnly(context) ? adminUserJson(user, context.url) : userBasicJson(user, context.url));
    },
  },
  ...(['block', 'unblock'] as const).map((action): ApiRoute => ({
    method: 'POST',
    path: `/users/:id/${action}`,
    access: 'write',
    notFoundLabel: 'User',
    summary: `${action === 'block' ? 'Block' : 'Unblock'} a user (admins); bots, the ghost and oneself are refused (403)`,
    async handle(context) {
      const actor = adminOnly(context);
      if (!actor) return forbidden();
      const run = action === 'block' ? blockUser : unblockUser;
      await run({ actor, userId: userIdOf(context), ipAddress: context.ipAddress });
      return json(true, { status: 201 });
    },
  })),
];
