import { AppError } from '../errors';

/** GitLab's API answers every failure with JSON; never an HTML page. */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...init.headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

export function messageError(status: number, message: string, headers?: Record<string, string>): Response {
  return json({ message }, { status, headers });
}

export const notFound = (what = '') => messageError(404, what ? `404 ${what} Not Found` : '404 Not Found');
export const forbidden = () => messageError(403, '403 Forbidden');
export const unauthorized = () => messageError(401, '401 Unauthorized');
export const badRequest = (reason: string) => messageError(400, `400 Bad request - ${reason}`);
/** GitLab's shape for a missing required parameter. */
export const missingParameter = (name: string) => json({ error: `${name} is missing` }, { status: 400 });
/** Grape's shape for parameters that fail validation: `{"error": "order_by does not have a valid value"}`. */
export const invalidParameters = (errors: string[]) => json({ error: errors.join(', ') }, { status: 400 });

/** Maps a domain failure to GitLab's status and body. */
export function fromAppError(error: AppError, notFoundLabel = ''): Response {
  switch (error.code) {
    case 'invalid':
      return badRequest(error.message);
    case 'not_found':
      return notFound(notFoundLabel || error.message.replace(/ not found$/i, ''));
    case 'forbidden':
      return json({ message: `403 Forbidden - ${error.message}` }, { status: 403 });
    case 'conflict':
      return messageError(409, error.message);
    case 'unauthorized':
      return unauthorized();
  }
}
