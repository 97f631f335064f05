/** The user name and password of an `Authorization: Basic …` header; null when it is not one. */
export function parseBasicAuthorization(authorization: string): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(authorization.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
