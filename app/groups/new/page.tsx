import type { Metadata } from 'next';
import { AccessLevel } from '@/lib/access-levels';
import { listGroupsWhereActorCan } from '@/lib/projects/projects';
import { NewGroupForm } from '@/components/namespaces/new-group-form';
import { requireActor } from '@/app/_lib/require-actor';
import { createGroupAction } from './actions';

export const metadata: Metadata = { title: 'New group' };

export default async function NewGroupPage({ searchParams }: { searchParams: Promise<{ parent_id?: string }> }) {
  const actor = await requireActor();
  const parents = await listGroupsWhereActorCan(actor, AccessLevel.Owner);
  const requested = Number((await searchParams).parent_id);
  const defaultParentId = parents.some((parent) => parent.id === requested) ? requested : null;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{defaultParentId ? 'New subgroup' : 'New group'}</h1>
      <NewGroupForm action={createGroupAction} parents={parents} defaultParentId={defaultParentId} />
    </>
  );
}
