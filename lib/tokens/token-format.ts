/**
 * The shape of a Keyhold token, pure so that scanners and client code can use it:
 * `<instance prefix><32 base62 characters of randomness><6 base62 characters of checksum>`.
 * The checksum is CRC32 over prefix + body, so a token can be recognised offline without the
 * database, whatever prefix was configured when it was made.
 */

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 32 base62 characters carry 190 bits of randomness. */
export const TOKEN_BODY_LENGTH = 32;
/** 62^6 > 2^32, so every CRC32 value fits. */
export const TOKEN_CHECKSUM_LENGTH = 6;
/** Longest prefix a token may carry (GitLab allows 20; older or odd prefixes still pass up to this). */
export const MAX_TOKEN_PREFIX_LENGTH = 64;

const SUFFIX_LENGTH = TOKEN_BODY_LENGTH + TOKEN_CHECKSUM_LENGTH;
const SUFFIX_PATTERN = new RegExp(`^[0-9A-Za-z]{${SUFFIX_LENGTH}}$`);
/** Printable ASCII without spaces. */
const PREFIX_PATTERN = /^[\x21-\x7e]*$/;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as zlib computes it) of a string's UTF-8 bytes. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A non-negative integer in base62, left-padded with zeros to `width`. */
export function toBase62(value: number, width: number): string {
  let rest = value;
  let out = '';
  do {
    out = BASE62_ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/** The checksum a token made of `prefixAndBody` ends with. */
export function tokenChecksum(prefixAndBody: string): string {
  return toBase62(crc32(prefixAndBody), TOKEN_CHECKSUM_LENGTH);
}

/** Turns random bytes into a base62 body by rejection sampling (no modulo bias); null if they ran out. */
export function base62FromBytes(bytes: Uint8Array, length: number): string | null {
  let out = '';
  for (const byte of bytes) {
    // 248 = 4 × 62: bytes at or above it would favour the first characters.
    if (byte >= 248) continue;
    out += BASE62_ALPHABET[byte % 62];
    if (out.length === length) return out;
  }
  return null;
}

/** The full token for a prefix and a random body. */
export function composeToken(prefix: string, body: string): string {
  return `${prefix}${body}${tokenChecksum(prefix + body)}`;
}

/** The parts of a well-formed token, or null when the checksum or shape is wrong. */
export function parseKeyholdToken(candidate: string): { prefix: string; body: string; checksum: string } | null {
  if (typeof candidate !== 'string') return null;
  if (candidate.length < SUFFIX_LENGTH || candidate.length > SUFFIX_LENGTH + MAX_TOKEN_PREFIX_LENGTH) return null;
  const prefix = candidate.slice(0, candidate.length - SUFFIX_LENGTH);
  const suffix = candidate.slice(prefix.length);
  if (!PREFIX_PATTERN.test(prefix) || !SUFFIX_PATTERN.test(suffix)) return null;
  const body = suffix.slice(0, TOKEN_BODY_LENGTH);
  const checksum = suffix.slice(TOKEN_BODY_LENGTH);
  return tokenChecksum(prefix + body) === checksum ? { prefix, body, checksum } : null;
}

/** Whether a string has the shape and a valid checksum of a Keyhold token (offline; says nothing about validity). */
export function looksLikeKeyholdToken(candidate: string): boolean {
  return parseKeyholdToken(candidate) !== null;
}
