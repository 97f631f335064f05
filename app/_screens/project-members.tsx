import type { MaybeActor } from '@/lib/actor';
import type { ProjectView } from '@/lib/projects/projects';

export function ProjectMembersScreen({ view }: { actor: MaybeActor; view: ProjectView }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Project members</h1>
      <p role="status">The members list of {view.project.name} is not yet available.</p>
    </div>
  );
}
