import { describe, expect, it } from 'vitest';
import { formatNhsNumber, hasValidCheckDigit, readNhsNumber } from '../../../src/forms/nhs-number.ts';

describe('NHS numbers', () => {
  it.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 943 - 476 - 5919 ', '9434765919'],
    ['4010232137', '4010232137'],
    ['4000000020', '4000000020'], // the first nine digits sum to a multiple of 11: 11 counts as check digit 0
  ])('accepts %j as %s', (typed, digits) => {
    expect(readNhsNumber(typed)).toEqual({ ok: true, digits });
  });

  it.each([
    ['9434765918', 'check_digit'], // last digit changed
    ['9434765991', 'check_digit'], // two digits swapped
    ['4000000080', 'check_digit'], // remainder 1 gives check digit 10, which no number may have…
    ['4000000081', 'check_digit'], // …whatever its last digit
    ['4000000021', 'check_digit'], // a multiple of 11 needs check digit 0
    ['943476591', 'not_ten_digits'],
    ['94347659190', 'not_ten_digits'],
    ['943.476.5919', 'not_ten_digits'],
    ['94347659I9', 'not_ten_digits'],
    ['', 'not_ten_digits'],
  ])('refuses %j (%s)', (typed, problem) => {
    expect(readNhsNumber(typed)).toEqual({ ok: false, problem });
  });

  it('checks every possible last digit: exactly one is right for each valid start', () => {
    const start = '943476591';
    const right = Array.from({ length: 10 }, (_, digit) => `${start}${digit}`).filter(hasValidCheckDigit);
    expect(right).toEqual(['9434765919']);
  });

  it('shows numbers 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
