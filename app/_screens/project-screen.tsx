import { notFound } from 'next/navigation';
import type { MaybeActor } from '@/lib/actor';
import type { ProjectView } from '@/lib/projects/projects';
import { ProjectShell } from '@/components/projects/project-shell';
import { ProjectOverview } from './project-overview';
import { ProjectSettingsGeneral } from './project-settings-general';
import { ProjectMembersScreen } from './project-members';
import type { SearchParams } from './members-list';
import { ProjectAccessTokensScreen } from './project-access-tokens';
import { ProjectPackagesRegistriesScreen } from './project-packages-registries';
import { isRegistryConfigured } from '@/lib/registry/config';

export type ProjectPage = 'overview' | 'members' | 'settings' | 'access_tokens' | 'packages_and_registries';

const PAGES: Record<string, ProjectPage> = {
  '': 'overview',
  project_members: 'members',
  edit: 'settings',
  'settings/access_tokens': 'access_tokens',
  'settings/packages_and_registries': 'packages_and_registries',
};

/** Which project page a sub-path names, or null for none. */
export function projectSubpage(subpath: string[]): ProjectPage | null {
  return PAGES[subpath.join('/')] ?? null;
}

/** Pages only Maintainers and above may open; everyone else gets 404, as in GitLab. */
const MAINTAINER_PAGES: ProjectPage[] = ['settings', 'access_tokens', 'packages_and_registries'];

export function ProjectScreen({
  actor,
  view,
  page,
  searchParams,
}: {
  actor: MaybeActor;
  view: ProjectView;
  page: ProjectPage;
  searchParams: SearchParams;
}) {
  if (MAINTAINER_PAGES.includes(page) && !view.can('admin_project')) notFound();
  // Without KEYHOLD_REGISTRY_URL the registry's pages do not exist.
  const registryEnabled = isRegistryConfigured();
  if (page === 'packages_and_registries' && !registryEnabled) notFound();
  return (
    <ProjectShell view={view} active={page} registryEnabled={registryEnabled}>
      {page === 'overview' && <ProjectOverview view={view} />}
      {page === 'members' && <ProjectMembersScreen actor={actor} view={view} searchParams={searchParams} />}
      {page === 'settings' && <ProjectSettingsGeneral view={view} />}
      {page === 'access_tokens' && actor && <ProjectAccessTokensScreen actor={actor} view={view} />}
      {page === 'packages_and_registries' && actor && <ProjectPackagesRegistriesScreen actor={actor} view={view} />}
    </ProjectShell>
  );
}
