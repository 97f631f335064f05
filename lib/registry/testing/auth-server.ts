import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebResponse, toWebRequest } from '@/lib/api/node-server';
import { handleRegistryAuthRequest, REGISTRY_AUTH_PATH } from '../auth-handler';
import type { RegistryConfig } from '../config';
import type { RegistrySigningKey } from '../signing-key';

export interface RegistryAuthServer {
  /** `http://127.0.0.1:<port>`; the token endpoint is `${origin}/jwt/auth`. */
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves Keyhold's registry token endpoint over real HTTP on 127.0.0.1, with the same handler as the
 * Next.js route (app/jwt/auth/route.ts), so a real registry and real clients can use it in tests.
 */
export async function startRegistryAuthServer(options: { config: RegistryConfig; key?: RegistrySigningKey }): Promise<RegistryAuthServer> {
  let origin = '';
  const server = createServer(async (request, response) => {
    try {
      const webRequest = toWebRequest(request, origin);
      const answer =
        new URL(webRequest.url).pathname === REGISTRY_AUTH_PATH
          ? await handleRegistryAuthRequest(webRequest, { ipAddress: request.socket.remoteAddress ?? null, ...options })
          : new Response('not found', { status: 404 });
      await sendWebResponse(answer, response);
    } catch (error) {
      console.error('registry auth server error', request.url, error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
