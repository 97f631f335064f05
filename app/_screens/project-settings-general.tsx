import type { ProjectView } from '@/lib/projects/projects';
import { ProjectSettingsForm } from '@/components/projects/project-settings-form';
import { updateProjectSettingsAction } from '@/app/_actions/project-settings';

export function ProjectSettingsGeneral({ view }: { view: ProjectView }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">General settings</h1>
      <ProjectSettingsForm action={updateProjectSettingsAction} project={view.project} />
    </div>
  );
}
