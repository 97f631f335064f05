import 'server-only';
import { db } from '@/db/client';
import { getInstanceSettings } from './settings/instance-settings';
import { removeBotsOfInactiveTokens } from './tokens/cleanup';
import { ensureRootUser } from './users/users';

/**
 * Start-up work, safe to repeat and to run in several processes at once: migrate, make sure the
 * settings row and the `root` admin exist, and remove the bot users of tokens that expired while
 * the instance was down.
 */
export async function bootstrap(): Promise<void> {
  await db();
  await getInstanceSettings();
  const root = await ensureRootUser();
  if (root.generatedPassword) {
    // Printed once, on the start that created root; it is not stored anywhere in plain text.
    console.log(
      `\n  Keyhold: created the instance admin "root" with password: ${root.generatedPassword}\n` +
        '  Keep it safe: it is shown only this once. Set KEYHOLD_ROOT_PASSWORD before the first start to choose it.\n',
    );
  }
  const { botsRemoved } = await removeBotsOfInactiveTokens();
  if (botsRemoved > 0) console.log(`Keyhold: removed ${botsRemoved} bot user(s) of expired project access tokens.`);
}
