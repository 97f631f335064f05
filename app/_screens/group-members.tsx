import type { MaybeActor } from '@/lib/actor';
import type { GroupView } from '@/lib/namespaces/groups';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { MembersList, type SearchParams } from './members-list';

/** `/groups/<full path>/-/group_members`. */
export function GroupMembersScreen({ actor, view, searchParams }: { actor: MaybeActor; view: GroupView; searchParams: SearchParams }) {
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          ...view.ancestors.map((a) => ({ name: a.name, href: `/${a.fullPath}` })),
          { name: view.group.name, href: `/${view.group.fullPath}` },
          { name: 'Members' },
        ]}
      />
      <h1 className="text-2xl font-bold">Group members</h1>
      <MembersList
        actor={actor}
        source={{ type: 'group', id: view.group.id, name: view.group.name }}
        actorLevel={view.access.level}
        basePath={`/groups/${view.group.fullPath}/-/group_members`}
        searchParams={searchParams}
      />
    </div>
  );
}
