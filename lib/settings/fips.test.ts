import { describe, expect, it } from 'vitest';
import { fipsModeEnabled } from './fips';

describe('FIPS mode from the environment', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['no', false],
    ['1', true],
    ['true', true],
    [' TRUE ', true],
    ['yes', true],
    ['on', true],
  ])('KEYHOLD_FIPS_MODE=%j → %j', (value, expected) => {
    expect(fipsModeEnabled({ KEYHOLD_FIPS_MODE: value })).toBe(expected);
  });
});
