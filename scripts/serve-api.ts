// Serves only the REST API (/api/v4/...) from a plain Node HTTP server, with the same handler
// as the Next.js route and the configured database (DATABASE_URL, or embedded PGlite in
// KEYHOLD_DATA_DIR). No build needed: for scripts, API clients and trying the curl walkthrough.
//
//   PORT=3000 node --conditions=react-server --import tsx scripts/serve-api.ts
import { bootstrap } from '@/lib/bootstrap';
import { closeDatabase } from '@/db/client';
import { startApiServer } from '@/lib/api/node-server';

await bootstrap();
const server = await startApiServer({ host: process.env.HOST || '127.0.0.1', port: Number(process.env.PORT || 3000) });
console.log(`Keyhold API on ${server.origin}/api/v4`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  await server.close();
  await closeDatabase();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
