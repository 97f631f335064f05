import { notFound } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { resolveFullPath } from '@/lib/namespaces/resolve';
import { GroupScreen } from '@/app/_screens/group-screen';
import { ProjectScreen, projectSubpage } from '@/app/_screens/project-screen';
import { UserNamespaceScreen } from '@/app/_screens/user-namespace-screen';
import { splitGitLabPath } from '@/app/_lib/gitlab-path';

export default async function FullPathPage({
  params,
  searchParams,
}: {
  params: Promise<{ path: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const segments = (await params).path.map((segment) => decodeURIComponent(segment));
  const { fullPath, subpath } = splitGitLabPath(segments);
  if (!fullPath) notFound();
  const actor = await currentActor();
  const resolved = await resolveFullPath(actor, fullPath);
  if (!resolved) notFound();
  switch (resolved.kind) {
    case 'project': {
      const page = projectSubpage(subpath);
      if (!page) notFound();
      return <ProjectScreen actor={actor} view={resolved.view} page={page} searchParams={await searchParams} />;
    }
    case 'group':
      if (subpath.length > 0) notFound();
      return <GroupScreen actor={actor} view={resolved.view} />;
    case 'user':
      if (subpath.length > 0) notFound();
      return <UserNamespaceScreen actor={actor} namespace={resolved.namespace} />;
  }
}
