import 'server-only';
import { startWebServer, type WebServer, type WebServerOptions } from '../http/node-server';
import { API_PREFIX, handleApiRequest } from './api';
import { json } from './responses';

/** A running API server: the API is below `${origin}/api/v4`. */
export type ApiServer = WebServer;

/**
 * Serves Keyhold's REST API (`/api/v4/...`) from a plain Node HTTP server with the same
 * handler the Next.js route uses, so real HTTP clients, benchmarks and scripts talk to the
 * code that production serves. The database must already be installed (`useDatabase`).
 */
export function startApiServer(options: WebServerOptions = {}): Promise<ApiServer> {
  return startWebServer(async (request, peer) => {
    const path = new URL(request.url).pathname;
    return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)
      ? handleApiRequest(request, peer)
      : json({ message: '404 Not Found' }, { status: 404 });
  }, options);
}
