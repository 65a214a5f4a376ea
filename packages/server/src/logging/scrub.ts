import { looksLikeCardNumber } from '@smartpay/contract/core';

/** Keys whose values never reach a log line, whatever they hold. */
const SECRET_KEYS =
  /authorization|cookie|secret|password|token_?number|tokennumber|cardtoken|cvv|pan$|^pan|key$|email|phone|name$|address|birth/i;

/** Digit runs long enough to be a card or network token number (spaces and dashes allowed inside). */
const DIGIT_RUN = /\d[\d -]{10,}\d/g;

/** Things that look like credentials: client secrets, Basic/Bearer values. */
const CREDENTIALS = [/\bntcs_[\w-]+/g, /\b(Basic|Bearer)\s+[\w+/=.~-]+/gi];

/**
 * Removes what must never be logged from one string: card-number-like digit runs (Luhn-valid,
 * 12 to 19 digits) and credentials. A last line of defence: log calls pass only chosen fields.
 */
export function scrubText(text: string): string {
  let out = text.replace(DIGIT_RUN, (run) => (looksLikeCardNumber(run) ? '[redacted-number]' : run));
  for (const pattern of CREDENTIALS) out = out.replace(pattern, '[redacted-credential]');
  return out;
}

/** A log field value after scrubbing: secret-named keys are dropped to a marker, strings cleaned. */
export function scrubField(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  // Only flat fields are logged; nested objects could carry anything.
  return '[object]';
}
