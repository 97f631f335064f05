import type { Metadata } from 'next';
import Link from 'next/link';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { Pagination, queryString } from '@/components/admin/pagination';
import { requireAdmin } from '@/app/_lib/require-admin';
import { TableHead } from '@/components/layout/table-head';

export const metadata: Metadata = { title: 'Audit events · Admin area' };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value.slice(0, 255) : '');

function describeDetails(details: Record<string, unknown>): string {
  const text = JSON.stringify(details);
  return text === '{}' ? '' : text;
}

/** `/admin/audit_events`: the instance's audit log, filtered by actor, action and project (instance admins). */
export default async function AdminAuditEventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireAdmin();
  const params = await searchParams;
  const filters = { author: one(params.author), action: one(params.action), project: one(params.project) };
  const requestedPage = Number(one(params.page) || 1);
  const result = await listAuditEvents({
    actor,
    authorUsername: filters.author,
    action: filters.action,
    projectFullPath: filters.project,
    page: Number.isFinite(requestedPage) ? requestedPage : 1,
  });
  const filtered = Boolean(filters.author || filters.action || filters.project);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit events</h1>
      <form method="get" role="search" aria-label="Audit events" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="author" className="block text-sm font-semibold">
            Actor (username)
          </label>
          <input id="author" name="author" defaultValue={filters.author} className="mt-1 rounded border border-gray-400 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="action" className="block text-sm font-semibold">
            Action
          </label>
          <select id="action" name="action" defaultValue={filters.action} className="mt-1 rounded border border-gray-400 px-3 py-2">
            <option value="">All actions</option>
            {result.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="project" className="block text-sm font-semibold">
            Project (full path)
          </label>
          <input id="project" name="project" defaultValue={filters.project} className="mt-1 rounded border border-gray-400 px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
          Filter
        </button>
        {filtered && (
          <Link href="/admin/audit_events" className="py-2 text-brand underline">
            Clear filters
          </Link>
        )}
      </form>
      <p className="text-sm text-gray-700">{result.total === 1 ? '1 event' : `${result.total} events`}</p>
      {result.events.length === 0 ? (
        <p>No audit events match.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <TableHead columns={['Date', 'Actor', 'Action', 'Target', 'Details', 'IP address']} />
            <tbody>
              {result.events.map((event) => (
                <tr key={event.id} className="border-b align-top">
                  <td className="p-2 whitespace-nowrap">{`${event.createdAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`}</td>
                  <td className="p-2">{event.authorName}</td>
                  <td className="p-2 font-mono text-xs">{event.action}</td>
                  <td className="p-2">
                    {event.targetType}
                    {event.targetName ? ` ${event.targetName}` : ''}
                  </td>
                  <td className="max-w-md p-2 font-mono text-xs break-all">{describeDetails(event.details)}</td>
                  <td className="p-2">{event.ipAddress ?? '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        label="Audit events pages"
        page={result.page}
        totalPages={result.totalPages}
        hrefFor={(page) => `/admin/audit_events${queryString({ ...filters, page })}`}
      />
    </div>
  );
}
