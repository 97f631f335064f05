import { describe, expect, it } from 'vitest';
import { trustedClientAddress } from '@/scripts/trusted-client-address.mjs';
import { clientAddress } from './client-address';

describe('trustedClientAddress', () => {
  it('without trusted proxies, ignores whatever X-Forwarded-For the client sent and takes the socket peer', () => {
    expect(trustedClientAddress('6.6.6.6', '203.0.113.9', 0)).toBe('203.0.113.9');
    expect(trustedClientAddress(undefined, '203.0.113.9', 0)).toBe('203.0.113.9');
  });

  it('behind one proxy, takes the address that proxy appended, not what the client wrote before it', () => {
    // client wrote 6.6.6.6; the proxy appended the real client 198.51.100.7; the peer is the proxy.
    expect(trustedClientAddress('6.6.6.6, 198.51.100.7', '10.0.0.2', 1)).toBe('198.51.100.7');
    expect(trustedClientAddress('198.51.100.7', '10.0.0.2', 1)).toBe('198.51.100.7');
  });

  it('behind two proxies, skips both', () => {
    expect(trustedClientAddress('6.6.6.6, 198.51.100.7, 10.0.0.1', '10.0.0.2', 2)).toBe('198.51.100.7');
  });

  it('falls back to the first entry when the chain is shorter than the proxies configured', () => {
    expect(trustedClientAddress(undefined, '10.0.0.2', 3)).toBe('10.0.0.2');
    expect(trustedClientAddress(undefined, undefined, 0)).toBeNull();
  });
});

describe('clientAddress', () => {
  it('reads the first X-Forwarded-For entry', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.7, 10.0.0.1' }))).toBe('198.51.100.7');
    expect(clientAddress(new Headers())).toBeNull();
  });
});
