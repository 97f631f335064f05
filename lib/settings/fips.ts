/**
 * FIPS mode, fixed for the life of the process by `KEYHOLD_FIPS_MODE` (GitLab turns it on at
 * boot). Project access tokens are not FIPS compliant: while it is on they can be neither created
 * nor used. The environment is passed in so tests (and callers with their own env) can choose.
 */
export const FIPS_MODE_ENV = 'KEYHOLD_FIPS_MODE';

/** Shown instead of the token form, and the reason creation and rotation are refused. */
export const FIPS_CREATION_DISABLED_MESSAGE =
  'Project access tokens are not FIPS compliant, so creating them is disabled while this instance runs in FIPS mode. Existing tokens cannot be used either; you can still revoke them.';
/** What the API and Git answer when a project access token is presented in FIPS mode. */
export const FIPS_TOKEN_REFUSED_MESSAGE = 'Project access tokens cannot be used because this instance runs in FIPS mode.';

const TRUE_VALUES = new Set(['1', 'true', 'yes', 'on']);

/** Whether the environment turns FIPS mode on: `KEYHOLD_FIPS_MODE=1` (or true/yes/on). */
export function fipsModeEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return TRUE_VALUES.has((env[FIPS_MODE_ENV] ?? '').trim().toLowerCase());
}
