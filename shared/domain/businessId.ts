/**
 * Finnish business ID (Y-tunnus): seven digits, a hyphen and a mod-11 check digit.
 * Weights 7, 9, 10, 5, 8, 4, 2; remainder 0 gives check digit 0, remainder 1 is never
 * issued, otherwise the check digit is 11 minus the remainder.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;
const FORMAT = /^(\d{7})-(\d)$/;

export type BusinessIdProblem = 'format' | 'check_digit';

/** The expected check digit for seven digits, or null when no valid ID can have them (remainder 1). */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(sevenDigits[i]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return null;
  return remainder === 0 ? 0 : 11 - remainder;
}

export function businessIdProblem(value: string): BusinessIdProblem | null {
  const m = FORMAT.exec(value);
  if (!m) return 'format';
  return businessIdCheckDigit(m[1]!) === Number(m[2]) ? null : 'check_digit';
}

export function isValidBusinessId(value: string): boolean {
  return businessIdProblem(value) === null;
}
