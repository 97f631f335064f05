import type { Actor } from '@/lib/actor';
import type { ProjectView } from '@/lib/projects/projects';

export function ProjectAccessTokensScreen({ view }: { actor: Actor; view: ProjectView }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Project access tokens</h1>
      <p role="status">Access tokens for {view.project.name} are not yet available.</p>
    </div>
  );
}
