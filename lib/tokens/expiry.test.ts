import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { isTokenActive } from './dto';
import { cappedExpiry, expiryWindow, resolveExpiresAt } from './expiry';

const now = new Date('2030-01-10T12:00:00Z');
const window = expiryWindow(now, 365);

function refusal(input: string | undefined): { message: string; field?: string; code: string } | null {
  try {
    resolveExpiresAt(input, window, window.max);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { message: error.message, field: error.field, code: error.code };
  }
}

describe('the expiry window', () => {
  it('runs from tomorrow to today + the maximum lifetime (UTC dates)', () => {
    expect(window).toEqual({ today: '2030-01-10', min: '2030-01-11', max: '2031-01-10' });
    // Late in the UTC day is still the same date, whatever the server's time zone.
    expect(expiryWindow(new Date('2030-01-10T23:59:59.999Z'), 30).today).toBe('2030-01-10');
    expect(expiryWindow(new Date('2030-01-11T00:00:00Z'), 30).today).toBe('2030-01-11');
  });

  it('caps defaults at the maximum', () => {
    expect(cappedExpiry(window, 30)).toBe('2030-02-09');
    expect(cappedExpiry(expiryWindow(now, 10), 30)).toBe('2030-01-20');
  });
});

describe('resolveExpiresAt', () => {
  it.each([
    ['tomorrow', '2030-01-11'],
    ['the maximum', '2031-01-10'],
    ['a date in between, with spaces', ' 2030-06-01 '],
  ])('accepts %s', (_label, input) => {
    expect(resolveExpiresAt(input, window, window.max)).toBe(input.trim());
  });

  it.each([
    ['a past date', '2029-12-31', 'Expires at must be after 2030-01-10'],
    ['today', '2030-01-10', 'Expires at must be after 2030-01-10'],
    ['one day beyond the maximum', '2031-01-11', 'Expires at must be before 2031-01-10'],
    ['an impossible date', '2030-02-30', 'Expires at is not a valid date (YYYY-MM-DD)'],
    ['another format', '10/01/2030', 'Expires at is not a valid date (YYYY-MM-DD)'],
    ['a timestamp', '2030-02-01T00:00:00Z', 'Expires at is not a valid date (YYYY-MM-DD)'],
    ['an empty field (the form requires a date)', '', "Expires at can't be blank"],
    ['blanks', '   ', "Expires at can't be blank"],
  ])('refuses %s', (_label, input, message) => {
    expect(refusal(input)).toEqual({ message, field: 'expiresAt', code: 'invalid' });
  });

  it('gives the fallback when no date is sent at all (the API default)', () => {
    expect(resolveExpiresAt(undefined, window, window.max)).toBe('2031-01-10');
  });
});

describe('a token stops working at 00:00:00 UTC on its expiry date', () => {
  const token = { revoked: false, expiresAt: '2030-02-01' };
  it.each([
    ['2030-01-31T23:59:59.999Z', true],
    ['2030-02-01T00:00:00.000Z', false],
    ['2030-02-01T12:00:00.000Z', false],
  ])('at %s active = %s', (instant, active) => {
    expect(isTokenActive(token, new Date(instant))).toBe(active);
  });
  it('a revoked token is never active', () => {
    expect(isTokenActive({ ...token, revoked: true }, new Date('2030-01-15T00:00:00Z'))).toBe(false);
  });
});
