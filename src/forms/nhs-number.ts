// NHS numbers: 10 digits, the last a modulus 11 check digit.
// People type them with spaces or dashes; they are shown 3-3-4, "943 476 5919".

/** The 10 digits, or undefined when what was typed is not 10 digits once spaces and dashes are removed. */
export function nhsNumberDigits(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/**
 * The modulus 11 check: weight the first nine digits 10 down to 2, and 11 minus the
 * remainder of their sum by 11 must be the tenth digit (11 counts as 0; 10 is never valid).
 */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export type NhsNumberProblem = 'not_ten_digits' | 'check_digit';

export function readNhsNumber(typed: string): { ok: true; digits: string } | { ok: false; problem: NhsNumberProblem } {
  const digits = nhsNumberDigits(typed);
  if (!digits) return { ok: false, problem: 'not_ten_digits' };
  if (!hasValidCheckDigit(digits)) return { ok: false, problem: 'check_digit' };
  return { ok: true, digits };
}

/** "943 476 5919". */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
