import { addDays, parseIsoDate, utcDate, type IsoDate } from '../dates';
import { AppError } from '../errors';

/** The UI pre-fills this many days from today. */
export const FORM_DEFAULT_LIFETIME_DAYS = 30;
/** A rotation without an expiry date gets this many days (GitLab: one week). */
export const ROTATION_DEFAULT_LIFETIME_DAYS = 7;

/** The dates a new token may expire on, for one instant and the instance's maximum lifetime. */
export interface ExpiryWindow {
  today: IsoDate;
  /** Earliest allowed date: tomorrow (a token expiring today would never work). */
  min: IsoDate;
  /** Latest allowed date: today + the maximum lifetime. */
  max: IsoDate;
}

export function expiryWindow(now: Date, maxLifetimeDays: number): ExpiryWindow {
  const today = utcDate(now);
  return { today, min: addDays(today, 1), max: addDays(today, maxLifetimeDays) };
}

/** `today + days`, but never past the window's maximum. */
export function cappedExpiry(window: ExpiryWindow, days: number): IsoDate {
  const wanted = addDays(window.today, days);
  return wanted < window.max ? wanted : window.max;
}

/**
 * The expiry date to store. `undefined` (not sent at all, as from the API) gets `fallback`;
 * anything sent must be a real `YYYY-MM-DD` date after today and not after the window's maximum.
 */
export function resolveExpiresAt(input: string | undefined, window: ExpiryWindow, fallback: IsoDate): IsoDate {
  if (input === undefined) return fallback;
  const trimmed = input.trim();
  if (trimmed === '') throw new AppError('invalid', "Expires at can't be blank", 'expiresAt');
  const date = parseIsoDate(trimmed);
  if (!date) throw new AppError('invalid', 'Expires at is not a valid date (YYYY-MM-DD)', 'expiresAt');
  if (date <= window.today) throw new AppError('invalid', `Expires at must be after ${window.today}`, 'expiresAt');
  // GitLab's wording names the latest allowed date itself.
  if (date > window.max) throw new AppError('invalid', `Expires at must be before ${window.max}`, 'expiresAt');
  return date;
}
