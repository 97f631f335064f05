import { handleApiRequest } from '@/lib/api/api';

const ORIGIN = 'http://keyhold.test';

export interface ApiCall {
  method?: string;
  token?: string;
  /** How the token is sent: GitLab accepts all three. */
  via?: 'private-token' | 'bearer' | 'query';
  body?: unknown;
  ip?: string;
}

/** Calls the REST API in-process, as an HTTP client would, and returns status, headers and JSON. */
export async function api(path: string, { method = 'GET', token, via = 'private-token', body, ip = '203.0.113.7' }: ApiCall = {}) {
  const url = new URL(`/api/v4${path}`, ORIGIN);
  const headers: Record<string, string> = {};
  if (token && via === 'private-token') headers['private-token'] = token;
  if (token && via === 'bearer') headers.authorization = `Bearer ${token}`;
  if (token && via === 'query') url.searchParams.set('private_token', token);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await handleApiRequest(
    new Request(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }),
    ip,
  );
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, json: json as any };
}
