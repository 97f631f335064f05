import Link from 'next/link';
import { listMemberGroups, listMemberProjects } from '@/lib/projects/projects';
import { requireActor } from './_lib/require-actor';
import { PathList } from '@/components/namespaces/path-list';

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
        <PathList items={projects} empty="You are not a member of any project yet." />
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
        <PathList items={groups} empty="You are not a member of any group yet." />
      </section>
    </div>
  );
}
