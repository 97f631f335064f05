import type { ProjectView } from '@/lib/projects/projects';
import { DeleteProjectSection } from '@/components/projects/delete-project-section';
import { ProjectSettingsForm } from '@/components/projects/project-settings-form';
import { deleteProjectAction, updateProjectSettingsAction } from '@/app/_actions/project-settings';

export function ProjectSettingsGeneral({ view }: { view: ProjectView }) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">General settings</h1>
      <ProjectSettingsForm action={updateProjectSettingsAction} project={view.project} />
      {view.can('remove_project') && <DeleteProjectSection action={deleteProjectAction} project={view.project} />}
    </div>
  );
}
