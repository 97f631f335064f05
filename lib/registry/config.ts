/** How Keyhold talks to its container registry; null when no registry is configured. */
export interface RegistryConfig {
  /** The registry's public address, as people type it: `registry.example.com` or `127.0.0.1:5000` (no scheme). */
  host: string;
  /** Base URL Keyhold uses for the registry's HTTP API (`/v2/...`). */
  apiUrl: string;
  /** The `service` the registry names in its token requests, and the token's `aud`. */
  service: string;
  /** The token's `iss`: must equal `auth.token.issuer` in the registry's configuration. */
  issuer: string;
  /** Lifetime of an issued token, in seconds. */
  tokenLifetimeSeconds: number;
  /** PEM private key and certificate from configuration; both null → generated into the data directory. */
  keyPath: string | null;
  certificatePath: string | null;
}

export const DEFAULT_REGISTRY_SERVICE = 'container_registry';
export const DEFAULT_REGISTRY_ISSUER = 'keyhold';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 5 * 60;

/** `https://registry.example.com/` → `registry.example.com`; a bare host stays as it is. */
function hostOf(url: string): string {
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).host;
}

function apiUrlOf(url: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  return withScheme.replace(/\/+$/, '');
}

/**
 * The registry configuration from the environment:
 * `KEYHOLD_REGISTRY_URL` (unset: no registry, its features are hidden), `KEYHOLD_REGISTRY_API_URL`
 * (default: the registry URL), `KEYHOLD_REGISTRY_ISSUER` (default `keyhold`),
 * `KEYHOLD_REGISTRY_SERVICE` (default `container_registry`), `KEYHOLD_REGISTRY_TOKEN_LIFETIME`
 * (seconds, default 300), `KEYHOLD_REGISTRY_KEY_PATH` and `KEYHOLD_REGISTRY_CERT_PATH`.
 */
export function registryConfigFromEnv(env: Record<string, string | undefined> = process.env): RegistryConfig | null {
  const url = env.KEYHOLD_REGISTRY_URL?.trim();
  if (!url) return null;
  const lifetime = Number(env.KEYHOLD_REGISTRY_TOKEN_LIFETIME || DEFAULT_TOKEN_LIFETIME_SECONDS);
  if (!Number.isInteger(lifetime) || lifetime < 30 || lifetime > 24 * 3600) {
    throw new Error('KEYHOLD_REGISTRY_TOKEN_LIFETIME must be a whole number of seconds between 30 and 86400');
  }
  const keyPath = env.KEYHOLD_REGISTRY_KEY_PATH?.trim() || null;
  const certificatePath = env.KEYHOLD_REGISTRY_CERT_PATH?.trim() || null;
  if (!keyPath !== !certificatePath) {
    throw new Error('Set both KEYHOLD_REGISTRY_KEY_PATH and KEYHOLD_REGISTRY_CERT_PATH, or neither (a key pair is then generated)');
  }
  return {
    host: hostOf(url),
    apiUrl: apiUrlOf(env.KEYHOLD_REGISTRY_API_URL?.trim() || url),
    service: env.KEYHOLD_REGISTRY_SERVICE?.trim() || DEFAULT_REGISTRY_SERVICE,
    issuer: env.KEYHOLD_REGISTRY_ISSUER?.trim() || DEFAULT_REGISTRY_ISSUER,
    tokenLifetimeSeconds: lifetime,
    keyPath,
    certificatePath,
  };
}

/** Whether a registry is configured at all (cheap, never throws: for showing or hiding its pages). */
export function isRegistryConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return !!env.KEYHOLD_REGISTRY_URL?.trim();
}
