import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/actor';
import { currentActor } from '@/lib/auth/current-actor';

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/users/sign_in');
  return actor;
}
