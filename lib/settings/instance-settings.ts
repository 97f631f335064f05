import 'server-only';
import { eq } from 'drizzle-orm';
import { instanceSettings, type InstanceSettings } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import { DEFAULT_MAX_TOKEN_LIFETIME_DAYS } from './settings-rules';

export { DEFAULT_MAX_TOKEN_LIFETIME_DAYS } from './settings-rules';

export interface GetInstanceSettingsOptions {
  /** Lock the row (`for update`) so that a settings change and what depends on it take turns. */
  lock?: boolean;
}

/** The settings row, created with its defaults the first time anyone asks. */
export async function getInstanceSettings(
  executor?: Executor,
  { lock = false }: GetInstanceSettingsOptions = {},
): Promise<InstanceSettings> {
  const run = executor ?? (await db());
  const read = async () => {
    const query = run.select().from(instanceSettings).where(eq(instanceSettings.id, 1));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  };
  const existing = await read();
  if (existing) return existing;
  await run.insert(instanceSettings).values({ id: 1 }).onConflictDoNothing();
  const created = await read();
  if (!created) throw new Error('instance settings row missing after insert');
  return created;
}

export function maxTokenLifetimeDays(settings: Pick<InstanceSettings, 'maxAccessTokenLifetimeDays'>): number {
  return settings.maxAccessTokenLifetimeDays ?? DEFAULT_MAX_TOKEN_LIFETIME_DAYS;
}
