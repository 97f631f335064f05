import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { instanceOverview } from '@/lib/admin/instance-overview';

export const metadata: Metadata = { title: 'Admin area' };

export default async function AdminPage() {
  const actor = await currentActor();
  if (!actor?.isAdmin) notFound();
  const figures = await instanceOverview(actor);
  const cards = [
    { label: 'Users', value: figures.users },
    { label: 'Groups', value: figures.groups },
    { label: 'Projects', value: figures.projects },
    { label: 'Tokens not revoked', value: figures.tokens },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Admin area</h1>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {cards.map((card) => (
          <div key={card.label} className="rounded border border-gray-200 bg-white p-4">
            <dt className="text-sm text-gray-600">{card.label}</dt>
            <dd className="text-2xl font-bold">{card.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
