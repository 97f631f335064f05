import { afterAll, beforeAll } from 'vitest';
import { startApiServer, type ApiServer } from '@/lib/api/node-server';

/**
 * Serves the REST API over real HTTP on 127.0.0.1 (a free port) for the calling test file,
 * through the same handler as the Next.js route. Call after `withFreshDatabase()`.
 * Returns a getter: the server exists only once `beforeAll` has run.
 */
export function withHttpServer(): () => ApiServer {
  let server: ApiServer | null = null;
  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the HTTP server starts in beforeAll');
    return server;
  };
}
