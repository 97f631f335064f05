export type AppErrorCode = 'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'unauthorized';

/**
 * A failure the domain expects and can explain to a person. Pages turn it into form state,
 * the API into a GitLab-shaped response; anything else is a bug and is logged, not shown.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The form field or API parameter the message is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** True when a Postgres error is a unique-constraint violation (on the named index, if given). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = findPgError(error);
  return cause?.code === '23505' && (!constraint || cause.constraint === constraint);
}

function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  // drizzle wraps driver errors; node-postgres and PGlite both expose `code` and `constraint`.
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') {
      return current as { code?: string; constraint?: string };
    }
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}
