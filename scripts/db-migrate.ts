import { openConfiguredDatabase } from '@/db/open';

// Applies pending migrations to the configured database (DATABASE_URL, or embedded PGlite).
const handle = await openConfiguredDatabase();
await handle.close();
console.log(`Migrations applied (${handle.driver}).`);
