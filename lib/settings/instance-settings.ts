import 'server-only';
import { eq } from 'drizzle-orm';
import { instanceSettings, type InstanceSettings } from '@/db/schema';
import { db, type Executor } from '@/db/client';

export const DEFAULT_MAX_TOKEN_LIFETIME_DAYS = 365;

/** The settings row, created with its defaults the first time anyone asks. */
export async function getInstanceSettings(executor?: Executor): Promise<InstanceSettings> {
  const run = executor ?? (await db());
  const [existing] = await run.select().from(instanceSettings).where(eq(instanceSettings.id, 1));
  if (existing) return existing;
  await run.insert(instanceSettings).values({ id: 1 }).onConflictDoNothing();
  const [created] = await run.select().from(instanceSettings).where(eq(instanceSettings.id, 1));
  if (!created) throw new Error('instance settings row missing after insert');
  return created;
}

export function maxTokenLifetimeDays(settings: Pick<InstanceSettings, 'maxAccessTokenLifetimeDays'>): number {
  return settings.maxAccessTokenLifetimeDays ?? DEFAULT_MAX_TOKEN_LIFETIME_DAYS;
}
