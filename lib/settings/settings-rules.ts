import { AppError } from '../errors';

/** What "Maximum allowable lifetime for access tokens (days)" means when it is left empty. */
export const DEFAULT_MAX_TOKEN_LIFETIME_DAYS = 365;
/** The highest maximum an admin may set (GitLab: 400 days). */
export const MAX_TOKEN_LIFETIME_LIMIT_DAYS = 400;
export const DEFAULT_TOKEN_PREFIX = 'glpat-';
export const MAX_TOKEN_PREFIX_SETTING_LENGTH = 20;

const TOKEN_PREFIX_PATTERN = /^[A-Za-z0-9_-]*$/;

export const LIFETIME_FIELD = 'maxAccessTokenLifetimeDays';
export const PREFIX_FIELD = 'tokenPrefix';

/**
 * The maximum lifetime to store: null (the default, 365 days) or a whole number of days from 1
 * to 400. Anything else is refused with the field named.
 */
export function validateMaxTokenLifetimeDays(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_TOKEN_LIFETIME_LIMIT_DAYS) {
    throw new AppError(
      'invalid',
      `Maximum allowable lifetime for access tokens must be a whole number of days from 1 to ${MAX_TOKEN_LIFETIME_LIMIT_DAYS}, or empty for the default (${DEFAULT_MAX_TOKEN_LIFETIME_DAYS})`,
      LIFETIME_FIELD,
    );
  }
  return value;
}

/**
 * What the form field holds, as the setting: '' → null; digits → that number (range checked by
 * validateMaxTokenLifetimeDays); anything else (letters, signs, decimals) is refused.
 */
export function parseMaxTokenLifetimeDays(raw: string): number | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  if (!/^-?\d+$/.test(trimmed)) {
    throw new AppError('invalid', 'Maximum allowable lifetime for access tokens must be a whole number of days', LIFETIME_FIELD);
  }
  return validateMaxTokenLifetimeDays(Number(trimmed));
}

/** The token prefix to store: letters, digits, '-' and '_', at most 20; empty means the default `glpat-`. */
export function validateTokenPrefix(raw: string): string {
  if (raw === '') return DEFAULT_TOKEN_PREFIX;
  if (!TOKEN_PREFIX_PATTERN.test(raw)) {
    throw new AppError('invalid', "Personal access token prefix can contain only letters, digits, '-' and '_'", PREFIX_FIELD);
  }
  if (raw.length > MAX_TOKEN_PREFIX_SETTING_LENGTH) {
    throw new AppError(
      'invalid',
      `Personal access token prefix is too long (maximum is ${MAX_TOKEN_PREFIX_SETTING_LENGTH} characters)`,
      PREFIX_FIELD,
    );
  }
  return raw;
}
