import type { MaybeActor } from '@/lib/actor';
import type { ProjectView } from '@/lib/projects/projects';
import { MembersList, type SearchParams } from './members-list';

export function ProjectMembersScreen({ actor, view, searchParams }: { actor: MaybeActor; view: ProjectView; searchParams: SearchParams }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Project members</h1>
      <MembersList
        actor={actor}
        source={{ type: 'project', id: view.project.id, name: view.project.name }}
        actorLevel={view.access.level}
        basePath={`/${view.project.fullPath}/-/project_members`}
        searchParams={searchParams}
      />
    </div>
  );
}
