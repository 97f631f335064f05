import Link from 'next/link';
import type { ProjectView } from '@/lib/projects/projects';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';

type Page = 'overview' | 'members' | 'settings' | 'access_tokens' | 'packages_and_registries';

/** The project's frame: breadcrumbs and GitLab's left sidebar. */
export function ProjectShell({
  view,
  active,
  registryEnabled = false,
  children,
}: {
  view: ProjectView;
  active: Page;
  /** Whether a container registry is configured (Settings > Packages and registries exists). */
  registryEnabled?: boolean;
  children: React.ReactNode;
}) {
  const base = `/${view.project.fullPath}`;
  const links: { page: Page; label: string; href: string; indent?: boolean; show: boolean }[] = [
    { page: 'overview', label: 'Project overview', href: base, show: true },
    { page: 'members', label: 'Members', href: `${base}/-/project_members`, show: true },
    { page: 'settings', label: 'Settings', href: `${base}/edit`, show: view.can('admin_project') },
    {
      page: 'access_tokens',
      label: 'Access Tokens',
      href: `${base}/-/settings/access_tokens`,
      indent: true,
      show: view.can('manage_access_tokens'),
    },
    {
      page: 'packages_and_registries',
      label: 'Packages and registries',
      href: `${base}/-/settings/packages_and_registries`,
      indent: true,
      show: registryEnabled && view.can('admin_project'),
    },
  ];
  const namespacePath = view.project.fullPath.split('/').slice(0, -1);
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label="Project navigation" className="md:w-56 md:shrink-0">
        <p className="mb-2 truncate font-semibold">{view.project.name}</p>
        <ul className="space-y-1">
          {links
            .filter((link) => link.show)
            .map((link) => (
              <li key={link.page} className={link.indent ? 'pl-4' : undefined}>
                <Link
                  href={link.href}
                  aria-current={link.page === active ? 'page' : undefined}
                  className="block rounded px-2 py-1 hover:bg-gray-200 aria-[current=page]:bg-gray-200 aria-[current=page]:font-semibold"
                >
                  {link.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1 space-y-4">
        <Breadcrumbs
          items={[
            ...namespacePath.map((segment, index) => ({ name: segment, href: `/${namespacePath.slice(0, index + 1).join('/')}` })),
            { name: view.project.name, href: active === 'overview' ? undefined : base },
          ]}
        />
        {children}
      </div>
    </div>
  );
}
