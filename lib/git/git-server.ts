import 'server-only';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { API_PREFIX, handleApiRequest } from '../api/api';
import { isGitPath } from './git-route';
import { handleGitRequest } from './handle-git-request';

/** A running server for Git over HTTP (and the REST API). */
export interface GitServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** A Web Request whose body streams from the Node request and whose signal fires when the client goes away. */
function toAbortableRequest(request: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = request.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(request.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
    signal,
  } as RequestInit);
}

/**
 * Serves Git's smart HTTP URLs and the REST API from a plain Node HTTP server with the same
 * handlers as the Next.js routes: for tests and benchmarks that drive the real git CLI. The
 * database must already be installed (`useDatabase`).
 */
export async function startGitServer({ host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {}): Promise<GitServer> {
  let origin = '';
  const server = createServer(async (request, response) => {
    const aborter = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborter.abort();
    });
    try {
      const webRequest = toAbortableRequest(request, origin, aborter.signal);
      const path = new URL(webRequest.url).pathname;
      // Like the Next.js routes, the nearest proxy's X-Forwarded-For names the client.
      const forwarded = webRequest.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      const ipAddress = forwarded || request.socket.remoteAddress || null;
      const answer = isGitPath(path)
        ? await handleGitRequest(webRequest, { ipAddress })
        : path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)
          ? await handleApiRequest(webRequest, ipAddress)
          : new Response('Not Found\n', { status: 404 });
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => (headers[name] = value));
      response.writeHead(answer.status, headers);
      if (!answer.body) {
        response.end();
        return;
      }
      // pipeline cancels the answer's stream (and so stops git) when the client disconnects.
      await pipeline(Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>), response).catch(() => undefined);
    } catch (error) {
      console.error('Keyhold git server error', request.method, request.url, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('500 Internal Server Error\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    origin,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
