// Helpers for tests that change the instance settings (one row, shared by every test of a file).
import { eq } from 'drizzle-orm';
import { instanceSettings } from '@/db/schema';
import { db } from '@/db/client';
import { getInstanceSettings } from '@/lib/settings/instance-settings';

/** Puts every instance setting back to its default, so each test starts from the same instance. */
export async function resetInstanceSettings(): Promise<void> {
  await getInstanceSettings();
  await (
    await db()
  )
    .update(instanceSettings)
    .set({
      maxAccessTokenLifetimeDays: null,
      tokenPrefix: 'glpat-',
      signupEnabled: true,
      projectAccessTokenCreationDefault: true,
      botsCanReadInternalProjects: true,
    })
    .where(eq(instanceSettings.id, 1));
}
