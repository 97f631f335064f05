import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  composeToken,
  crc32,
  looksLikeKeyholdToken,
  parseKeyholdToken,
  TOKEN_BODY_LENGTH,
  TOKEN_CHECKSUM_LENGTH,
  toBase62,
} from './token-format';
import { generateToken, tokenDigest } from './token-secret';

describe('token format', () => {
  it('computes CRC-32 like zlib', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    for (const text of ['', 'glpat-', 'glpat-abcdef', 'ünïcødé']) expect(crc32(text)).toBe(zlibCrc32(text));
  });

  it('writes base62 at a fixed width', () => {
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 6)).toBe('00000z');
    expect(toBase62(62, 6)).toBe('000010');
    expect(toBase62(0xffffffff, 6)).toHaveLength(6);
  });

  it('is prefix + 32 base62 characters + a 6-character checksum', () => {
    const token = generateToken('glpat-');
    expect(token).toMatch(/^glpat-[0-9A-Za-z]{38}$/);
    expect(token).toHaveLength(6 + TOKEN_BODY_LENGTH + TOKEN_CHECKSUM_LENGTH);
    expect(parseKeyholdToken(token)?.prefix).toBe('glpat-');
    expect(looksLikeKeyholdToken(token)).toBe(true);
  });

  it('carries at least 160 random bits and never repeats', () => {
    expect(TOKEN_BODY_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(160);
    const tokens = new Set(Array.from({ length: 2000 }, () => generateToken('glpat-')));
    expect(tokens.size).toBe(2000);
    // Every base62 character shows up: the body is not a narrower alphabet.
    const characters = new Set([...tokens].flatMap((token) => [...token.slice(6, 6 + TOKEN_BODY_LENGTH)]));
    expect(characters.size).toBe(62);
  });

  it('recognises tokens of any prefix, including none', () => {
    for (const prefix of ['', 'glpat-', 'acme_', 'kh.']) {
      const token = generateToken(prefix);
      expect(looksLikeKeyholdToken(token)).toBe(true);
      expect(parseKeyholdToken(token)?.prefix).toBe(prefix);
    }
  });

  it('rejects a changed character, a wrong checksum, wrong lengths and foreign strings', () => {
    const token = generateToken('glpat-');
    const body = token.slice(6, 6 + TOKEN_BODY_LENGTH);
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(looksLikeKeyholdToken(flipped)).toBe(false);
    const checksum = token.slice(-TOKEN_CHECKSUM_LENGTH);
    const wrongChecksum = (checksum[0] === '0' ? '1' : '0') + checksum.slice(1);
    expect(looksLikeKeyholdToken(token.slice(0, -TOKEN_CHECKSUM_LENGTH) + wrongChecksum)).toBe(false);
    expect(looksLikeKeyholdToken(`glpat-${body}`)).toBe(false);
    expect(looksLikeKeyholdToken(`${token}x`)).toBe(false);
    expect(looksLikeKeyholdToken('glpat-xxxxxxxxxxxxxxxxxxxx')).toBe(false);
    expect(looksLikeKeyholdToken('')).toBe(false);
    expect(looksLikeKeyholdToken(`has space ${composeToken('', body)}`)).toBe(false);
    // The checksum covers the prefix: the same body under another prefix does not verify.
    expect(looksLikeKeyholdToken(`other-${token.slice(6)}`)).toBe(false);
  });
});

describe('token digest', () => {
  it('is a deterministic keyed hash that does not contain the token', () => {
    const token = generateToken('glpat-');
    const digest = tokenDigest(token);
    expect(tokenDigest(token)).toBe(digest);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(digest).not.toContain(token.slice(6, 20));
    expect(tokenDigest(generateToken('glpat-'))).not.toBe(digest);
  });

  it('covers the whole token, prefix included', () => {
    const body = generateToken('').slice(0, TOKEN_BODY_LENGTH);
    expect(tokenDigest(composeToken('glpat-', body))).not.toBe(tokenDigest(composeToken('acme-', body)));
  });
});
