/**
 * The client's address for audit events, token last-use and the failed-authentication ban.
 *
 * `npm start` (scripts/server.mjs) replaces any `X-Forwarded-For` a request arrives with by the one
 * address it trusts: the socket's, or with KEYHOLD_TRUSTED_PROXIES=n the address the outermost of n
 * proxies saw. So the first entry is never a value the client chose for itself.
 */
export function clientAddress(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}
