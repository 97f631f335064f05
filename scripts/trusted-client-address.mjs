/**
 * The address to trust, from a request's `X-Forwarded-For` chain and the socket's peer: with no
 * trusted proxies the peer itself; with n, the entry the outermost trusted proxy appended (the
 * peer being the innermost). A chain shorter than that falls back to its first entry.
 *
 * @param {string | undefined} forwardedFor
 * @param {string | undefined} peer
 * @param {number} trustedProxies
 * @returns {string | null}
 */
export function trustedClientAddress(forwardedFor, peer, trustedProxies) {
  const chain = [...(forwardedFor ?? '').split(','), peer ?? ''].map((entry) => entry.trim()).filter(Boolean);
  if (chain.length === 0) return null;
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? null;
}
