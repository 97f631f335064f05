import 'server-only';
import { notFound } from 'next/navigation';
import type { Actor } from '@/lib/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { isInstanceAdmin } from '@/lib/permissions';

/** The signed-in instance admin; everyone else (anonymous included) gets 404, as GitLab's admin area. */
export async function requireAdmin(): Promise<Actor> {
  const actor = await currentActor();
  if (!isInstanceAdmin(actor)) notFound();
  return actor;
}
