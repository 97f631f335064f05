import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current-actor';
import { PersonalAccessTokensScreen } from '@/app/_screens/personal-access-tokens';

export const metadata: Metadata = { title: 'Personal access tokens' };

const PATH = '/-/user_settings/personal_access_tokens';

/** `/-/user_settings/personal_access_tokens`, GitLab's URL: signed-in people only; anyone else signs in first. */
export default async function PersonalAccessTokensPage() {
  const actor = await currentActor();
  if (!actor) redirect(`/users/sign_in?callbackUrl=${encodeURIComponent(PATH)}`);
  return <PersonalAccessTokensScreen actor={actor} />;
}
