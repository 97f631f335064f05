import type { MaybeActor } from '@/lib/actor';
import { listVisibleProjectsInNamespace } from '@/lib/projects/projects';
import { PathList } from '@/components/namespaces/path-list';

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
      <PathList items={projects} empty="No projects to show." label="name" />
    </div>
  );
}
