import type { Metadata } from 'next';
import { listUsersForAdmin } from '@/lib/admin/users';
import { USER_KIND_LABELS, type UserKind } from '@/lib/admin/user-rules';
import { Pagination, queryString } from '@/components/admin/pagination';
import { UsersTable } from '@/components/admin/users-table';
import { setUserBlockedAction } from '@/app/_actions/admin-users';
import { requireAdmin } from '@/app/_lib/require-admin';

export const metadata: Metadata = { title: 'Users · Admin area' };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
const KINDS = Object.keys(USER_KIND_LABELS) as UserKind[];

/** `/admin/users`: every user with search and type filter (instance admins). */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireAdmin();
  const params = await searchParams;
  const search = one(params.search)?.slice(0, 255) ?? '';
  const kindParam = one(params.type);
  const kind = KINDS.find((candidate) => candidate === kindParam);
  const requestedPage = Number(one(params.page) ?? 1);
  const result = await listUsersForAdmin({ actor, search, kind, page: Number.isFinite(requestedPage) ? requestedPage : 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Users</h1>
      <form method="get" role="search" aria-label="Users" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="search" className="block text-sm font-semibold">
            Search users
          </label>
          <input
            id="search"
            name="search"
            type="search"
            defaultValue={search}
            placeholder="Name, username or email"
            className="mt-1 rounded border border-gray-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="type" className="block text-sm font-semibold">
            User type
          </label>
          <select id="type" name="type" defaultValue={kind ?? ''} className="mt-1 rounded border border-gray-400 px-3 py-2">
            <option value="">All types</option>
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {USER_KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
          Search
        </button>
      </form>
      <p className="text-sm text-gray-700">{result.total === 1 ? '1 user' : `${result.total} users`}</p>
      <UsersTable users={result.users} action={setUserBlockedAction} />
      <Pagination
        label="Users pages"
        page={result.page}
        totalPages={result.totalPages}
        hrefFor={(page) => `/admin/users${queryString({ search, type: kind, page })}`}
      />
    </div>
  );
}
