import 'server-only';
import { authenticateGitClient } from '../auth/git-client-auth';
import { registryConfigFromEnv, type RegistryConfig } from './config';
import type { RegistrySigningKey } from './signing-key';
import { issueRegistryToken } from './token-service';

export const REGISTRY_AUTH_PATH = '/jwt/auth';

export interface RegistryAuthRequestOptions {
  /** The client's address (failed authentication is counted per address). */
  ipAddress: string | null;
  /** Defaults to the environment's; null means no registry is configured. */
  config?: RegistryConfig | null;
  key?: RegistrySigningKey;
  now?: Date;
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * `GET /jwt/auth?service=container_registry&scope=repository:<path>:pull,push`: the token endpoint
 * of the Docker registry token authentication protocol, as GitLab serves it. HTTP Basic with any user
 * name and an access token (or a user name and password) → `{"token": "<JWT>"}`.
 */
export async function handleRegistryAuthRequest(request: Request, options: RegistryAuthRequestOptions): Promise<Response> {
  const config = options.config === undefined ? registryConfigFromEnv() : options.config;
  if (!config) return json({ errors: [{ code: 'UNAVAILABLE', message: 'registry not enabled' }] }, 404);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  const url = new URL(request.url);
  const result = await issueRegistryToken({
    config,
    service: url.searchParams.get('service'),
    scopes: url.searchParams.getAll('scope'),
    authentication: () => authenticateGitClient(request.headers.get('authorization'), { ipAddress: options.ipAddress, now: options.now }),
    key: options.key,
    now: options.now,
  });
  return json(result.body, result.status);
}
