import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseMaxTokenLifetimeDays, validateMaxTokenLifetimeDays, validateTokenPrefix } from './settings-rules';

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('maximum allowable lifetime for access tokens (days)', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['1', 1],
    [' 10 ', 10],
    ['365', 365],
    ['400', 400],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parseMaxTokenLifetimeDays(raw)).toBe(expected);
  });

  it.each(['0', '-1', '-30', '401', '1000', 'abc', '10 days', '1.5', '1e2', '0x10', '+5'])('refuses %j', (raw) => {
    expect(refusal(() => parseMaxTokenLifetimeDays(raw))).toEqual({ code: 'invalid', field: 'maxAccessTokenLifetimeDays' });
  });

  it('checks numbers that did not come from a form too', () => {
    expect(validateMaxTokenLifetimeDays(null)).toBeNull();
    expect(validateMaxTokenLifetimeDays(30)).toBe(30);
    for (const bad of [0, -1, 401, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal(() => validateMaxTokenLifetimeDays(bad))).toEqual({ code: 'invalid', field: 'maxAccessTokenLifetimeDays' });
    }
  });
});

describe('personal access token prefix', () => {
  it.each([
    ['glpat-', 'glpat-'],
    ['acme_', 'acme_'],
    ['Keyhold-2030-', 'Keyhold-2030-'],
    ['a'.repeat(20), 'a'.repeat(20)],
    ['', 'glpat-'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(validateTokenPrefix(raw)).toBe(expected);
  });

  it.each([' glpat-', 'glpat- ', 'my prefix', ' ', 'a'.repeat(21), 'pat.', 'pat/', 'pät-', 'pat\n'])('refuses %j', (raw) => {
    expect(refusal(() => validateTokenPrefix(raw))).toEqual({ code: 'invalid', field: 'tokenPrefix' });
  });
});
