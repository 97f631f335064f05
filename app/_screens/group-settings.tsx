import type { GroupView } from '@/lib/namespaces/groups';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { GroupSettingsForm } from '@/components/groups/group-settings-form';
import { updateGroupSettingsAction } from '@/app/_actions/group-settings';

/** `/groups/<full path>/-/edit`: Group > Settings > General (Owners). */
export function GroupSettingsScreen({ view }: { view: GroupView }) {
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          ...view.ancestors.map((a) => ({ name: a.name, href: `/${a.fullPath}` })),
          { name: view.group.name, href: `/${view.group.fullPath}` },
          { name: 'General settings' },
        ]}
      />
      <h1 className="text-2xl font-bold">General settings</h1>
      <GroupSettingsForm action={updateGroupSettingsAction} group={view.group} />
    </div>
  );
}
