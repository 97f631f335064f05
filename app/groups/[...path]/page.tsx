import { notFound, redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { findVisibleGroupByPath } from '@/lib/namespaces/groups';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { GroupSettingsForm } from '@/components/groups/group-settings-form';
import { updateGroupSettingsAction } from '@/app/_actions/group-settings';
import { splitGitLabPath } from '@/app/_lib/gitlab-path';

/** `/groups/<full path>/-/edit` (group settings); `/groups/<full path>` itself goes to the group page. */
export default async function GroupRoutePage({ params }: { params: Promise<{ path: string[] }> }) {
  const segments = (await params).path.map((segment) => decodeURIComponent(segment));
  const { fullPath, subpath } = splitGitLabPath(segments);
  const view = await findVisibleGroupByPath(await currentActor(), fullPath);
  if (!view) notFound();
  if (subpath.length === 0) redirect(`/${view.group.fullPath}`);
  if (subpath.join('/') !== 'edit' || !view.can('admin_group')) notFound();
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
