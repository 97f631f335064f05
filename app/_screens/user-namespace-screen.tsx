import Link from 'next/link';
import type { MaybeActor } from '@/lib/actor';
import { listVisibleProjectsInNamespace } from '@/lib/projects/projects';
import { VisibilityBadge } from '@/components/namespaces/visibility-badge';

export async function UserNamespaceScreen({
  actor,
  namespace,
}: {
  actor: MaybeActor;
  namespace: { id: number; name: string; fullPath: string };
}) {
  const projects = await listVisibleProjectsInNamespace(actor, namespace.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{namespace.name}</h1>
      <p className="text-gray-600">@{namespace.fullPath}</p>
      <h2 className="text-lg font-semibold">Personal projects</h2>
      {projects.length === 0 ? (
        <p className="text-gray-700">No projects to show.</p>
      ) : (
        <ul className="divide-y rounded border border-gray-200 bg-white">
          {projects.map((project) => (
            <li key={project.id} className="flex items-center justify-between p-3">
              <Link href={`/${project.fullPath}`} className="font-medium text-brand hover:underline">
                {project.name}
              </Link>
              <VisibilityBadge visibility={project.visibility} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
