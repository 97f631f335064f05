import type { Metadata } from 'next';
import { AccessLevel } from '@/lib/access-levels';
import { listGroupsWhereActorCan, personalNamespaceOf } from '@/lib/projects/projects';
import { NewProjectForm } from '@/components/namespaces/new-project-form';
import { requireActor } from '@/app/_lib/require-actor';
import { createProjectAction } from './actions';

export const metadata: Metadata = { title: 'New project' };

export default async function NewProjectPage({ searchParams }: { searchParams: Promise<{ namespace_id?: string }> }) {
  const actor = await requireActor();
  const [personal, groups] = await Promise.all([personalNamespaceOf(actor), listGroupsWhereActorCan(actor, AccessLevel.Maintainer)]);
  const namespaces = [...(personal ? [personal] : []), ...groups];
  const requested = Number((await searchParams).namespace_id);
  const defaultNamespaceId = namespaces.some((namespace) => namespace.id === requested) ? requested : null;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">New project</h1>
      <NewProjectForm action={createProjectAction} namespaces={namespaces} defaultNamespaceId={defaultNamespaceId} />
    </>
  );
}
