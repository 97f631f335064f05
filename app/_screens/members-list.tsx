import Link from 'next/link';
import { AccessLevel, MEMBER_ACCESS_LEVELS, accessLevelName } from '@/lib/access-levels';
import type { MaybeActor } from '@/lib/actor';
import { listMembers, MEMBER_FILTERS, MEMBER_SORTS, type MemberFilter, type MemberSort } from '@/lib/members/list-members';
import { memberChangeAllowed } from '@/lib/members/rules';
import { AddMemberForm } from '@/components/members/add-member-form';
import { MemberControls } from '@/components/members/member-controls';
import { addMemberAction, changeMemberRoleAction, removeMemberAction } from '@/app/_actions/members';
import { TableHead } from '@/components/layout/table-head';

export type SearchParams = Record<string, string | string[] | undefined>;

const FILTER_LABELS: Record<MemberFilter, string> = { all: 'All', direct: 'Direct', inherited: 'Inherited', bots: 'Bots' };
const SORT_LABELS: Record<MemberSort, string> = {
  name_asc: 'Name, ascending',
  name_desc: 'Name, descending',
  access_level_desc: 'Role, highest first',
  access_level_asc: 'Role, lowest first',
  last_joined: 'Last joined',
  oldest_joined: 'Oldest joined',
};

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function pick<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
}

/** The members list of a project or group: search, filter, sort, pages, and controls for those who manage it. */
export async function MembersList({
  actor,
  source,
  actorLevel,
  basePath,
  searchParams,
}: {
  actor: MaybeActor;
  source: { type: 'project' | 'group'; id: number; name: string };
  actorLevel: number;
  /** The page's own URL, for the search form and page links. */
  basePath: string;
  searchParams: SearchParams;
}) {
  const search = one(searchParams.search).slice(0, 255);
  const filter = pick(MEMBER_FILTERS, one(searchParams.filter), 'all');
  const sort = pick(MEMBER_SORTS, one(searchParams.sort), 'name_asc');
  const requestedPage = Number.parseInt(one(searchParams.page), 10);
  const result = await listMembers({
    actor,
    source,
    search,
    filter,
    sort,
    page: Number.isFinite(requestedPage) ? requestedPage : 1,
  });
  const canManage = actorLevel >= AccessLevel.Maintainer;
  const assignable = MEMBER_ACCESS_LEVELS.filter((level) => memberChangeAllowed({ actorLevel, action: 'add', newLevel: level }));
  const pageLink = (page: number) => {
    const params = new URLSearchParams({ ...(search && { search }), filter, sort, page: String(page) });
    return `${basePath}?${params}`;
  };

  return (
    <div className="space-y-4">
      {canManage && <AddMemberForm action={addMemberAction} source={source} levels={assignable} />}
      <form method="get" action={basePath} role="search" aria-label="Members" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="members-search" className="block text-sm font-semibold">
            Search members
          </label>
          <input
            id="members-search"
            name="search"
            type="search"
            defaultValue={search}
            className="mt-1 rounded border border-gray-400 px-3 py-1.5"
          />
        </div>
        <div>
          <label htmlFor="members-filter" className="block text-sm font-semibold">
            Membership
          </label>
          <select id="members-filter" name="filter" defaultValue={filter} className="mt-1 rounded border border-gray-400 px-2 py-1.5">
            {MEMBER_FILTERS.map((value) => (
              <option key={value} value={value}>
                {FILTER_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="members-sort" className="block text-sm font-semibold">
            Sort by
          </label>
          <select id="members-sort" name="sort" defaultValue={sort} className="mt-1 rounded border border-gray-400 px-2 py-1.5">
            {MEMBER_SORTS.map((value) => (
              <option key={value} value={value}>
                {SORT_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded border border-gray-400 px-3 py-1.5">
          Apply
        </button>
      </form>
      <p role="status" className="text-sm text-gray-700">
        {result.total === 1 ? '1 member' : `${result.total} members`}
        {search && ` matching “${search}”`}
      </p>
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">Members of {source.name}</caption>
        <TableHead columns={['Account', 'Source', 'Role', 'Member since', 'Expiration']} />
        <tbody>
          {result.members.map((member) => {
            const editable =
              canManage &&
              !member.isBot &&
              member.source.type === 'direct' &&
              memberChangeAllowed({ actorLevel, action: 'remove', currentLevel: member.accessLevel });
            return (
              <tr key={member.userId} className="border-b align-top">
                <td className="p-2">
                  <div className="flex items-center gap-2">
                    <span
                      aria-hidden="true"
                      className="flex h-8 w-8 items-center justify-center rounded-full bg-gray-200 text-xs font-bold"
                    >
                      {initials(member.name)}
                    </span>
                    <span>
                      <span className="font-medium">{member.name}</span>{' '}
                      {member.isBot && <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs text-blue-800">Bot</span>}
                      <br />
                      <span className="text-gray-600">@{member.username}</span>
                    </span>
                  </div>
                </td>
                <td className="p-2">
                  {member.source.type === 'direct' ? (
                    'Direct member'
                  ) : (
                    <>
                      Inherited from{' '}
                      <Link href={`/groups/${member.source.groupFullPath}/-/group_members`} className="text-brand underline">
                        {member.source.groupFullPath}
                      </Link>
                    </>
                  )}
                </td>
                <td className="p-2">
                  {editable ? (
                    <MemberControls
                      source={source}
                      member={member}
                      levels={assignable}
                      changeAction={changeMemberRoleAction}
                      removeAction={removeMemberAction}
                    />
                  ) : (
                    accessLevelName(member.accessLevel)
                  )}
                </td>
                <td className="p-2">{member.memberSince.toISOString().slice(0, 10)}</td>
                <td className="p-2">{member.expiresAt ?? 'No expiration set'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {result.totalPages > 1 && (
        <nav aria-label="Pagination" className="flex items-center gap-4 text-sm">
          {result.page > 1 && <Link href={pageLink(result.page - 1)}>Previous page</Link>}
          <span>
            Page {result.page} of {result.totalPages}
          </span>
          {result.page < result.totalPages && <Link href={pageLink(result.page + 1)}>Next page</Link>}
        </nav>
      )}
    </div>
  );
}
