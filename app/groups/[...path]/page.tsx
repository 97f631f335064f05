import { notFound, redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { findVisibleGroupByPath } from '@/lib/namespaces/groups';
import { splitGitLabPath } from '@/app/_lib/gitlab-path';
import { GroupMembersScreen } from '@/app/_screens/group-members';
import { GroupSettingsScreen } from '@/app/_screens/group-settings';

/** `/groups/<full path>/-/…`: a group's own pages. `/groups/<full path>` itself is the group page. */
export default async function GroupRoutePage({
  params,
  searchParams,
}: {
  params: Promise<{ path: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const segments = (await params).path.map((segment) => decodeURIComponent(segment));
  const { fullPath, subpath } = splitGitLabPath(segments);
  const actor = await currentActor();
  const view = await findVisibleGroupByPath(actor, fullPath);
  if (!view) notFound();
  switch (subpath.join('/')) {
    case '':
      redirect(`/${view.group.fullPath}`);
    case 'edit':
      if (!actor || !view.can('admin_group')) notFound();
      return <GroupSettingsScreen actor={actor} view={view} />;
    case 'group_members':
      return <GroupMembersScreen actor={actor} view={view} searchParams={await searchParams} />;
    default:
      notFound();
  }
}
