// Caller numbers are personal data: the call list, its CSV and the timeline show
// them masked unless the operator allowed otherwise. Pure, so the designer and
// the runtime mask alike.

/** Two-digit country calling codes (ITU-T E.164 assignments); codes starting 1 or 7 have one digit, every other code three. */
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66',
  '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

/** What a number that is not E.164 (anonymous, a browser client, empty) shows: nothing of it. */
export const HIDDEN_CALLER = '•••';

const E164 = /^\+([1-9]\d{1,14})$/;

/** The country calling code at the start of an E.164 number's digits (calling codes are prefix-free). */
export function getCountryCode(digits: string): string {
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

/**
 * `+34612345601` as `+34 6•• ••• •01`: the country code, the national number's
 * first digit and last two, the rest hidden, grouped 3, 3 and the rest. A
 * national number shorter than six digits is hidden whole (first and last two
 * would be most of it); anything that is not E.164 is hidden whole.
 */
export function maskCallerNumber(number: string): string {
  const match = E164.exec(number.trim());
  if (match === null) return number.trim() === '' ? '' : HIDDEN_CALLER;
  const digits = match[1]!;
  const code = getCountryCode(digits);
  const national = digits.slice(code.length);
  const shown = national.length >= 6;
  const masked = [...national].map((digit, index) => (shown && (index === 0 || index >= national.length - 2) ? digit : '•')).join('');
  const groups = [masked.slice(0, 3), masked.slice(3, 6), masked.slice(6)].filter((group) => group !== '');
  return `+${code} ${groups.join(' ')}`;
}
