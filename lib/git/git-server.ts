import 'server-only';
import { API_PREFIX, handleApiRequest } from '../api/api';
import { clientAddress } from '../http/client-address';
import { startWebServer, type WebServer, type WebServerOptions } from '../http/node-server';
import { isGitPath } from './git-route';
import { handleGitRequest } from './handle-git-request';

/** A running server for Git over HTTP (and the REST API). */
export type GitServer = WebServer;

/**
 * Serves Git's smart HTTP URLs and the REST API from a plain Node HTTP server with the same
 * handlers as the Next.js routes: for tests and benchmarks that drive the real git CLI. The
 * database must already be installed (`useDatabase`). Tests name their client with
 * X-Forwarded-For, as `npm start` does after checking it (scripts/server.mjs); never expose this one.
 */
export function startGitServer(options: WebServerOptions = {}): Promise<GitServer> {
  return startWebServer(async (request, peer) => {
    const path = new URL(request.url).pathname;
    const ipAddress = clientAddress(request.headers) ?? peer;
    if (isGitPath(path)) return handleGitRequest(request, { ipAddress });
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return handleApiRequest(request, ipAddress);
    return new Response('Not Found\n', { status: 404 });
  }, options);
}
