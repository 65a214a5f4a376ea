import { COUNTRY_ALPHA2 } from '../countries.js';
import type { LeafIssue } from './issues.js';

/** The named formats a field rule can ask for. */
export type Format =
  | 'email'
  | 'uuid'
  | 'date'
  | 'birthdate'
  | 'phone'
  | 'country'
  | 'currency'
  | 'month'
  | 'year'
  | 'culture'
  | 'card-token'
  | 'cvv-token';

/** The earliest date of birth the API page allows. */
export const EARLIEST_BIRTHDATE = '1900-01-01';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PHONE = /^\+?[\d ()./-]+$/;
const CURRENCY = /^[A-Z]{3}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;
const YEAR = /^(\d{2}|\d{4})$/;
const CULTURE = /^[a-z]{2}-[a-z]{2}$/i;

const invalid = (format: Format): LeafIssue => ({ code: 'invalid_format', params: { format } });
const test = (pattern: RegExp, format: Format) => (value: string) =>
  pattern.test(value) ? undefined : invalid(format);

/** True when `value` is a YYYY-MM-DD string naming a day that exists. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * Today's date in the easternmost time zone (UTC+14): a birthday that is already today anywhere
 * on Earth is not in the future, whichever zone the shopper is in.
 */
function latestToday(now: number): string {
  return new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** True when the digits pass the Luhn checksum used by every card number. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when the text holds what could be a card number: 12 to 19 digits passing Luhn. */
export function looksLikeCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(digits) && passesLuhn(digits);
}

/** One check per format: undefined when the value is fine, the issue otherwise. */
export const FORMAT_CHECKS: Record<Format, (value: string) => LeafIssue | undefined> = {
  email: test(EMAIL, 'email'),
  uuid: test(UUID, 'uuid'),
  date: (value) => (isCalendarDate(value) ? undefined : invalid('date')),
  birthdate: (value) => {
    if (!isCalendarDate(value)) return invalid('date');
    if (value < EARLIEST_BIRTHDATE) return { code: 'too_early', params: { minimum: EARLIEST_BIRTHDATE } };
    return value > latestToday(Date.now()) ? { code: 'in_future' } : undefined;
  },
  phone: (value) => (PHONE.test(value) && /\d/.test(value) ? undefined : invalid('phone')),
  country: (value) => (COUNTRY_ALPHA2.has(value) ? undefined : invalid('country')),
  currency: test(CURRENCY, 'currency'),
  month: test(MONTH, 'month'),
  year: test(YEAR, 'year'),
  culture: test(CULTURE, 'culture'),
  'card-token': (value) => (looksLikeCardNumber(value) ? { code: 'card_number' } : undefined),
  'cvv-token': (value) =>
    /^\d{3,4}$/.test(value) ? { code: 'card_number', rule: 'must be a CVC token, not a CVC' } : undefined,
};
