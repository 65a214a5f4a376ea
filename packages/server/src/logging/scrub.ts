/** Keys whose values never reach a log line, whatever they hold. */
const SECRET_KEYS =
  /authorization|cookie|secret|password|token_?number|tokennumber|cardtoken|cvv|pan$|^pan|key$|email|phone|name$|address|birth/i;

/**
 * Digit runs long enough to be a card or network token number (spaces and dashes allowed inside),
 * standing alone: digits inside a longer word such as a UUID are left as they are.
 */
const DIGIT_RUN = /(?<![\w-])\d[\d -]{10,}\d(?![\w-])/g;

/** Email addresses, in case a message quotes one. */
const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/gi;

/** Things that look like credentials: client secrets, Basic/Bearer values. */
const CREDENTIALS = [/\b(Basic|Bearer)\s+[\w+/=.~-]+/gi, /\bntcs_[\w-]+/g];

/**
 * 12 to 32 digits: a card or network token number, whether or not it passes Luhn. Network token
 * numbers may be longer than card numbers (SmartPay has sent 20 digits), so the cap is generous.
 */
const isCardLength = (run: string) => {
  const digits = run.replace(/\D/g, '').length;
  return digits >= 12 && digits <= 32;
};

/**
 * Removes what must never be logged from one string: digit runs as long as a card or network
 * token number, credentials and email addresses. A last line of defence: log calls pass only
 * chosen fields.
 */
export function scrubText(text: string): string {
  let out = text.replace(DIGIT_RUN, (run) => (isCardLength(run) ? '[redacted-number]' : run));
  for (const pattern of CREDENTIALS) out = out.replace(pattern, '[redacted-credential]');
  return out.replace(EMAIL, '[redacted-email]');
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

/**
 * A line's fields after scrubbing: every value through {@link scrubField}, empty ones left out, and
 * the keys the line itself owns (`reserved`) never taken from a caller.
 */
export function scrubFields(
  fields: Readonly<Record<string, unknown>>,
  reserved: ReadonlySet<string>,
): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if (reserved.has(key)) continue;
    const value = scrubField(key, fields[key]);
    if (value !== undefined) clean[key] = value;
  }
  return clean;
}
