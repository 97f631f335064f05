import { closeDatabase, useDatabase as installDatabase } from '@/db/client';
import { openConfiguredDatabase } from '@/db/open';
import { removeBotsOfInactiveTokens } from '@/lib/tokens/cleanup';

// Deletes the bot users of expired (and revoked) project access tokens in the configured database
// (DATABASE_URL, or embedded PGlite). Idempotent: run it from cron as often as you like.
const handle = await openConfiguredDatabase();
installDatabase(handle);
try {
  const { botsRemoved } = await removeBotsOfInactiveTokens();
  console.log(`Removed ${botsRemoved} bot user(s) of inactive project access tokens (${handle.driver}).`);
} finally {
  await closeDatabase();
}
