import { startWebServer, type WebServer } from '@/lib/http/node-server';
import { handleRegistryAuthRequest, REGISTRY_AUTH_PATH } from '../auth-handler';
import type { RegistryConfig } from '../config';
import type { RegistrySigningKey } from '../signing-key';

/** The token endpoint is `${origin}/jwt/auth`. */
export type RegistryAuthServer = WebServer;

/**
 * Serves Keyhold's registry token endpoint over real HTTP on 127.0.0.1, with the same handler as the
 * Next.js route (app/jwt/auth/route.ts), so a real registry and real clients can use it in tests.
 */
export function startRegistryAuthServer(options: { config: RegistryConfig; key?: RegistrySigningKey }): Promise<RegistryAuthServer> {
  return startWebServer(async (request, peer) =>
    new URL(request.url).pathname === REGISTRY_AUTH_PATH
      ? handleRegistryAuthRequest(request, { ipAddress: peer, ...options })
      : new Response('not found', { status: 404 }),
  );
}
