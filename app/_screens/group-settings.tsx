import type { Actor } from '@/lib/actor';
import type { GroupView } from '@/lib/namespaces/groups';
import { groupTokenCreationSetting } from '@/lib/namespaces/token-creation-setting';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { GroupPermissionsForm } from '@/components/groups/group-permissions-form';
import { GroupSettingsForm } from '@/components/groups/group-settings-form';
import { updateGroupSettingsAction, updateGroupTokenCreationAction } from '@/app/_actions/group-settings';

/** `/groups/<full path>/-/edit`: Group > Settings > General (Owners). */
export async function GroupSettingsScreen({ actor, view }: { actor: Actor; view: GroupView }) {
  const tokenCreation = await groupTokenCreationSetting({ actor, groupId: view.group.id });
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
      <GroupPermissionsForm action={updateGroupTokenCreationAction} setting={tokenCreation} />
    </div>
  );
}
