import Link from 'next/link';
import type { MaybeActor } from '@/lib/actor';
import { listGroupChildren, type GroupView } from '@/lib/namespaces/groups';
import { VisibilityBadge } from '@/components/namespaces/visibility-badge';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { PathList } from '@/components/namespaces/path-list';

export async function GroupScreen({ actor, view }: { actor: MaybeActor; view: GroupView }) {
  const { group } = view;
  const children = await listGroupChildren(actor, group.id);
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[...view.ancestors.map((a) => ({ name: a.name, href: `/${a.fullPath}` })), { name: group.name }]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{group.name}</h1>
          <p className="text-sm text-gray-600">
            Group ID: {group.id} · <VisibilityBadge visibility={group.visibility} />
          </p>
          {group.description && <p className="mt-2">{group.description}</p>}
        </div>
        <div className="flex gap-2">
          <Link href={`/groups/${group.fullPath}/-/group_members`} className="rounded border border-gray-400 px-3 py-1.5 text-sm">
            Members
          </Link>
          {view.can('admin_group') && (
            <Link href={`/groups/${group.fullPath}/-/edit`} className="rounded border border-gray-400 px-3 py-1.5 text-sm">
              Settings
            </Link>
          )}
          {view.can('create_subgroup') && (
            <Link href={`/groups/new?parent_id=${group.id}`} className="rounded border border-gray-400 px-3 py-1.5 text-sm">
              New subgroup
            </Link>
          )}
          {view.can('create_project') && (
            <Link href={`/projects/new?namespace_id=${group.id}`} className="rounded bg-brand px-3 py-1.5 text-sm font-semibold text-white">
              New project
            </Link>
          )}
        </div>
      </div>
      <section aria-labelledby="subgroups-heading">
        <h2 id="subgroups-heading" className="text-lg font-semibold">
          Subgroups
        </h2>
        <PathList items={children.subgroups} empty="This group has no subgroups." label="name" />
      </section>
      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading" className="text-lg font-semibold">
          Projects
        </h2>
        <PathList items={children.projects} empty="This group has no projects." label="name" />
      </section>
    </div>
  );
}
