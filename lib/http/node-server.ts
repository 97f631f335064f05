import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/**
 * A plain Node HTTP server in front of a Web `Request → Response` handler: how tests, benchmarks and
 * scripts serve the same handlers the Next.js routes use, over real HTTP.
 */
export interface WebServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  server: Server;
  /** Stops accepting connections and ends the open ones. */
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (a free one). */
  port?: number;
}

/** `peer` is the socket's remote address. */
export type WebHandler = (request: Request, peer: string | null) => Promise<Response>;

/**
 * A Web `Request` for a Node request: same method, URL and headers, the body streamed, and a signal
 * that fires when the client goes away before the answer is complete.
 */
export function toWebRequest(request: IncomingMessage, origin: string, signal?: AbortSignal): Request {
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
    signal,
  } as RequestInit);
}

/**
 * Writes a Web `Response` to a Node response: status, every header (each Set-Cookie), the body
 * streamed; a client that disconnects cancels the body's stream (and whatever produces it).
 */
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
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), target).catch(() => undefined);
}

/** Starts a server for `handle`; unexpected errors are logged and answered 500 without details. */
export async function startWebServer(handle: WebHandler, { host = '127.0.0.1', port = 0 }: WebServerOptions = {}): Promise<WebServer> {
  let origin = '';
  const server = createServer(async (request, response) => {
    const aborter = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborter.abort();
    });
    try {
      const answer = await handle(toWebRequest(request, origin, aborter.signal), request.socket.remoteAddress ?? null);
      await sendWebResponse(answer, response);
    } catch (error) {
      console.error('Keyhold server error', request.method, request.url, error);
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
        server.closeAllConnections();
      }),
  };
}
