import { randomUUID, sign } from 'node:crypto';
import type { RegistrySigningKey } from './signing-key';

/** One grant in a registry token: what may be done to one resource (GitLab's and Distribution's shape). */
export interface RegistryAccess {
  type: string;
  name: string;
  actions: string[];
}

/** The claims of a registry token, as GitLab's JSONWebToken::RSAToken writes them. */
export interface RegistryTokenClaims {
  iss: string;
  /** The user name; absent for anonymous requests. */
  sub?: string;
  aud: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
  access: RegistryAccess[];
}

export interface SignRegistryTokenOptions {
  key: RegistrySigningKey;
  issuer: string;
  audience: string;
  subject: string | null;
  access: RegistryAccess[];
  lifetimeSeconds: number;
  now?: Date;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** The claims a token issued now would carry (`nbf` 5 s back for clock skew, as GitLab). */
export function registryTokenClaims({
  issuer,
  audience,
  subject,
  access,
  lifetimeSeconds,
  now = new Date(),
}: Omit<SignRegistryTokenOptions, 'key'>) {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: RegistryTokenClaims = {
    iss: issuer,
    ...(subject ? { sub: subject } : {}),
    aud: audience,
    iat,
    nbf: iat - 5,
    exp: iat + lifetimeSeconds,
    jti: randomUUID(),
    access,
  };
  return claims;
}

/** A compact RS256 JWT whose header names the key the registry knows it by (`kid`). */
export function signRegistryToken(options: SignRegistryTokenOptions): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: options.key.keyId };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(registryTokenClaims(options)))}`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), options.key.privateKey))}`;
}

/** Splits a token into its header and claims, without verifying it (for tests and logs). */
export function decodeRegistryToken(token: string): { header: Record<string, unknown>; claims: RegistryTokenClaims } {
  const [header, claims] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims!, 'base64url').toString()),
  };
}
