import { redirect } from 'next/navigation';
import { requireAdmin } from '@/app/_lib/require-admin';

/** `/admin/application_settings` is GitLab's settings index; General is the only section here. */
export default async function ApplicationSettingsIndex() {
  await requireAdmin();
  redirect('/admin/application_settings/general');
}
