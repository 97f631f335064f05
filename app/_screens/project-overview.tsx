import type { ProjectView } from '@/lib/projects/projects';
import { VisibilityBadge } from '@/components/namespaces/visibility-badge';
import { accessLevelName } from '@/lib/access-levels';

export function ProjectOverview({ view }: { view: ProjectView }) {
  const { project, access } = view;
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{project.name}</h1>
      <p className="text-sm text-gray-600">
        Project ID: {project.id} · <VisibilityBadge visibility={project.visibility} />
        {access.level > 0 && <> · Your role: {accessLevelName(access.level)}</>}
      </p>
      {project.description ? <p>{project.description}</p> : <p className="text-gray-600">No description.</p>}
    </div>
  );
}
