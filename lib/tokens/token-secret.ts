import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { derivedSecret } from '../instance-secret';
import { base62FromBytes, composeToken, TOKEN_BODY_LENGTH } from './token-format';

/** A new token with the given prefix: 190 random bits in base62 plus a checksum. */
export function generateToken(prefix: string): string {
  for (;;) {
    // 48 bytes almost always yield 32 accepted characters (each byte is kept with p = 248/256).
    const body = base62FromBytes(randomBytes(48), TOKEN_BODY_LENGTH);
    if (body) return composeToken(prefix, body);
  }
}

let digestKey: string | undefined;

/**
 * What is stored instead of the token: HMAC-SHA-256 keyed with a secret derived from the instance
 * secret, over the whole token (prefix included, so a later prefix change never matters).
 */
export function tokenDigest(token: string): string {
  digestKey ??= derivedSecret('token-digest');
  return createHmac('sha256', digestKey).update(token, 'utf8').digest('base64url');
}
