import { badRequest, invalidParameters, missingParameter } from './responses';

/** A request's parameters as GitLab (Grape) reads them: query string, then JSON or form body. */
export type Params = Record<string, unknown>;

/** A bad parameter, answered with the Response it carries. */
export class ParamError extends Error {
  constructor(readonly response: Response) {
    super('bad parameter');
  }
}

/** `scopes[]=a&scopes[]=b` and `scopes=a` both become arrays where arrays are expected. */
function addParam(target: Params, key: string, value: string) {
  if (key.endsWith('[]')) {
    const name = key.slice(0, -2);
    const existing = target[name];
    target[name] = Array.isArray(existing) ? [...existing, value] : [value];
  } else {
    target[key] = value;
  }
}

/** The query string's parameters alone. */
export function queryParams(url: URL): Params {
  const params: Params = {};
  url.searchParams.forEach((value, key) => addParam(params, key, value));
  return params;
}

export async function readParams(request: Request, url: URL): Promise<Params> {
  const params = queryParams(url);
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'DELETE') return params;
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await request.text();
  if (!text.trim()) return params;
  if (type === 'application/json' || (!type && /^\s*[{[]/.test(text))) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ParamError(badRequest('malformed JSON body'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ParamError(badRequest('the JSON body must be an object'));
    return { ...params, ...(body as Params) };
  }
  new URLSearchParams(text).forEach((value, key) => addParam(params, key, value));
  return params;
}

export function requiredString(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') throw new ParamError(missingParameter(name));
  if (typeof value !== 'string' && typeof value !== 'number') throw new ParamError(badRequest(`${name} is invalid`));
  return String(value);
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new ParamError(badRequest(`${name} is invalid`));
  return String(value);
}

export function optionalInteger(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw new ParamError(invalidParameters([`${name} is invalid`]));
  return number;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ParamError(badRequest(`${name} is invalid`));
}

/** An array of strings; a single string (or comma list) is accepted as GitLab does. */
export function stringArray(params: Params, name: string, { required = false } = {}): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new ParamError(missingParameter(name));
    return undefined;
  }
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
  if (!list || !list.every((item) => typeof item === 'string')) throw new ParamError(badRequest(`${name} is invalid`));
  return (list as string[]).map((item) => item.trim()).filter(Boolean);
}

/** One of a fixed set of values (`order_by`, `sort`), else 400 "<name> does not have a valid value". */
export function oneOf<const T extends readonly string[]>(params: Params, name: string, allowed: T): T[number] | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value)) throw new ParamError(invalidParameters([`${name} does not have a valid value`]));
  return value as T[number];
}

/** `ids[]=1&ids[]=2` (or a JSON array) as integers; 400 "<name> is invalid" for anything else. */
export function integerArray(params: Params, name: string): number[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const number = typeof item === 'number' ? item : typeof item === 'string' && /^\d+$/.test(item.trim()) ? Number(item) : NaN;
    if (!Number.isSafeInteger(number)) throw new ParamError(invalidParameters([`${name} is invalid`]));
    return number;
  });
}
