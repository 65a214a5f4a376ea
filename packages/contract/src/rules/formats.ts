import { COUNTRY_ALPHA2 } from '../countries.js';
import type { LeafIssue } from './issues.js';

/** The names of the formats a field rule can ask for (what an `invalid_format` issue names). */
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

/**
 * A format a field rule can ask for: its check, undefined when the value is fine, the issue
 * otherwise. Each is an export of its own that a rule references (`format: formats.email`), so a
 * bundle carries only the formats of the tables it imports (the widget's form has no UUID,
 * currency or card token); a table of formats by name would carry them all.
 */
export type FieldFormat = (value: string) => LeafIssue | undefined;

/** The earliest date of birth the API page allows. */
export const EARLIEST_BIRTHDATE = '1900-01-01';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (format: Format): LeafIssue => ({ code: 'invalid_format', params: { format } });

/** A format whose values match `pattern`. */
const matching =
  (name: Format, pattern: RegExp): FieldFormat =>
  (value) =>
    pattern.test(value) ? undefined : invalid(name);

/** True when `value` is a YYYY-MM-DD string naming a day that exists. */
export function isCalendarDate(value: string): boolean {
  // A date-only string is read as UTC; toJSON gives null for an invalid date, and a day that does
  // not exist (02-30) comes back as another.
  return ISO_DATE.test(value) && (new Date(value).toJSON() ?? '').startsWith(value);
}

// The formats. `@__PURE__` lets a bundler drop the ones no imported table references.

export const email = /* @__PURE__ */ matching('email', /^[^\s@]+@[^\s@]+\.[^\s@.]+$/);

export const uuid = /* @__PURE__ */ matching(
  'uuid',
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
);

export const date: FieldFormat = (value) => (isCalendarDate(value) ? undefined : invalid('date'));

/** A real date, not before EARLIEST_BIRTHDATE and not in the future (its bad form is a `date` issue). */
export const birthdate: FieldFormat = (value) => {
  if (!isCalendarDate(value)) return invalid('date');
  if (value < EARLIEST_BIRTHDATE) return { code: 'too_early', params: { minimum: EARLIEST_BIRTHDATE } };
  // Later than today in the easternmost time zone (UTC+14): a birthday that is already today
  // anywhere on Earth is not in the future, whichever zone the shopper is in.
  return value > new Date(Date.now() + 14 * 3_600_000).toJSON().slice(0, 10)
    ? { code: 'in_future' }
    : undefined;
};

/** Digits, spaces, + - . / and brackets, with at least one digit. */
export const phone: FieldFormat = (value) =>
  /^\+?[\d ()./-]+$/.test(value) && /\d/.test(value) ? undefined : invalid('phone');

/** An ISO 3166-1 alpha-3 code. */
export const country: FieldFormat = (value) => (COUNTRY_ALPHA2.has(value) ? undefined : invalid('country'));

export const currency = /* @__PURE__ */ matching('currency', /^[A-Z]{3}$/);

export const month = /* @__PURE__ */ matching('month', /^(0[1-9]|1[0-2])$/);

export const year = /* @__PURE__ */ matching('year', /^(\d{2}|\d{4})$/);

export const culture = /* @__PURE__ */ matching('culture', /^[a-z]{2}-[a-z]{2}$/i);

// The card fields' formats live with the Luhn check (see card-number.ts).
export { cardToken, cvvToken } from './card-number.js';
