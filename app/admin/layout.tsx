import { currentActor } from '@/lib/auth/current-actor';
import { isInstanceAdmin } from '@/lib/permissions';
import { AdminNav } from '@/components/admin/admin-nav';

/** The admin area's frame. Only admins see the navigation; every page also answers 404 to anyone else. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  if (!isInstanceAdmin(await currentActor())) return children;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <AdminNav />
      <div className="min-w-0 flex-1 space-y-4">{children}</div>
    </div>
  );
}
