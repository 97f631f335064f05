import type { Metadata } from 'next';
import { instanceOverview } from '@/lib/admin/instance-overview';
import { FIPS_MODE_ENV } from '@/lib/settings/fips';
import { requireAdmin } from '@/app/_lib/require-admin';

export const metadata: Metadata = { title: 'Admin area' };

export default async function AdminPage() {
  const actor = await requireAdmin();
  const figures = await instanceOverview(actor);
  const cards = [
    { label: 'Billable users', value: figures.billableUsers },
    { label: 'Bot users (not billable)', value: figures.botUsers },
    { label: 'Groups', value: figures.groups },
    { label: 'Projects', value: figures.projects },
    { label: 'Tokens not revoked', value: figures.tokens },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Admin area</h1>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
        {cards.map((card) => (
          <div key={card.label} className="rounded border border-gray-200 bg-white p-4">
            <dt className="text-sm text-gray-600">{card.label}</dt>
            <dd className="text-2xl font-bold">{card.value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-gray-700">
        Billable users are active people. Bot users of project access tokens are not seats, and blocked users are not counted.
      </p>
      <section aria-labelledby="fips-heading" className="rounded border border-gray-200 bg-white p-4">
        <h2 id="fips-heading" className="text-lg font-semibold">
          FIPS mode
        </h2>
        <p className="font-semibold">{figures.fipsMode ? 'FIPS mode is on.' : 'FIPS mode is off.'}</p>
        <p className="text-sm text-gray-700">
          {figures.fipsMode
            ? 'Project access tokens are not FIPS compliant: they can be neither created nor used while FIPS mode is on.'
            : `Start Keyhold with ${FIPS_MODE_ENV}=1 to turn it on. Project access tokens can then be neither created nor used, because they are not FIPS compliant.`}
        </p>
      </section>
    </div>
  );
}
