import 'server-only';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { API_PREFIX, handleApiRequest } from './api';
import { json } from './responses';

/** A running API server. */
export interface ApiServer {
  /** `http://127.0.0.1:<port>`: the API is below `${origin}/api/v4`. */
  origin: string;
  server: Server;
  /** Stops accepting connections and closes idle keep-alive ones. */
  close(): Promise<void>;
}

export interface ApiServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (a free one). */
  port?: number;
}

/** A Web `Request` for a Node request: same method, URL, headers, and the body as a stream. */
export function toWebRequest(request: IncomingMessage, origin: string): Request {
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
    // Required by fetch's Request for a streamed body.
    duplex: 'half',
  } as RequestInit);
}

/** Writes a Web `Response` to a Node response: status, every header (each Set-Cookie), streamed body. */
export async function sendWebResponse(response: Response, target: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  target.writeHead(response.status, headers);
  if (!response.body) {
    target.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
      .on('error', reject)
      .pipe(target)
      .on('finish', resolve)
      .on('error', reject);
  });
}

/**
 * Serves Keyhold's REST API (`/api/v4/...`) from a plain Node HTTP server with the same
 * handler the Next.js route uses, so real HTTP clients, benchmarks and scripts talk to the
 * code that production serves. The database must already be installed (`useDatabase`).
 */
export async function startApiServer({ host = '127.0.0.1', port = 0 }: ApiServerOptions = {}): Promise<ApiServer> {
  let origin = '';
  const server = createServer(async (request, response) => {
    try {
      const webRequest = toWebRequest(request, origin);
      const path = new URL(webRequest.url).pathname;
      const answer =
        path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)
          ? await handleApiRequest(webRequest, request.socket.remoteAddress ?? null)
          : json({ message: '404 Not Found' }, { status: 404 });
      await sendWebResponse(answer, response);
    } catch (error) {
      console.error('Keyhold API server error', request.method, request.url, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: '500 Internal Server Error' }));
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
        server.closeIdleConnections();
      }),
  };
}
