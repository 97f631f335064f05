import Link from 'next/link';
import { listMemberGroups, listMemberProjects } from '@/lib/projects/projects';
import { requireActor } from './_lib/require-actor';
import { VisibilityBadge } from '@/components/namespaces/visibility-badge';

export default async function DashboardPage() {
  const actor = await requireActor();
  const [projects, groups] = await Promise.all([listMemberProjects(actor), listMemberGroups(actor)]);
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <section aria-labelledby="projects-heading">
        <div className="flex items-center justify-between">
          <h1 id="projects-heading" className="text-2xl font-bold">
            Projects
          </h1>
          <Link href="/projects/new" className="rounded bg-brand px-3 py-1.5 text-sm font-semibold text-white">
            New project
          </Link>
        </div>
        {projects.length === 0 ? (
          <p className="mt-4 text-gray-700">You are not a member of any project yet.</p>
        ) : (
          <ul className="mt-4 divide-y rounded border border-gray-200 bg-white">
            {projects.map((project) => (
              <li key={project.id} className="flex items-center justify-between p-3">
                <Link href={`/${project.fullPath}`} className="font-medium text-brand hover:underline">
                  {project.fullPath}
                </Link>
                <VisibilityBadge visibility={project.visibility} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="groups-heading">
        <div className="flex items-center justify-between">
          <h2 id="groups-heading" className="text-2xl font-bold">
            Groups
          </h2>
          <Link href="/groups/new" className="rounded bg-brand px-3 py-1.5 text-sm font-semibold text-white">
            New group
          </Link>
        </div>
        {groups.length === 0 ? (
          <p className="mt-4 text-gray-700">You are not a member of any group yet.</p>
        ) : (
          <ul className="mt-4 divide-y rounded border border-gray-200 bg-white">
            {groups.map((group) => (
              <li key={group.id} className="flex items-center justify-between p-3">
                <Link href={`/${group.fullPath}`} className="font-medium text-brand hover:underline">
                  {group.fullPath}
                </Link>
                <VisibilityBadge visibility={group.visibility} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
