/** fast-check generators built from the field tables: valid values per rule, and hostile ones. */
import {
  type BodySpec,
  COUNTRIES_REQUIRING_STATE,
  COUNTRY_CODES,
  type FieldFormat,
  type FieldRule,
  type FieldTable,
  formats,
} from '@smartpay/contract';
import fc from 'fast-check';

const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...letters), minLength: min, maxLength: max });
const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const freeText = (max: number) =>
  fc
    .tuple(
      fc.constantFrom(...'AbcÄßé日Ω'),
      fc.string({ unit: fc.constantFrom(...'abc XYZ äöüßéñ日本語-.,/#\'"<>&'), maxLength: max - 1 }),
    )
    .map(([first, rest]) => first + rest);

const earliest = Date.UTC(1900, 0, 1);
/** Valid values for each format (keyed by the format itself: a rule references it). */
const BY_FORMAT = new Map<FieldFormat, fc.Arbitrary<string>>([
  [
    formats.email,
    fc.tuple(word(1, 20), word(1, 20), word(2, 6)).map(([user, host, tld]) => `${user}@${host}.${tld}`),
  ],
  [formats.uuid, fc.uuid()],
  [
    formats.date,
    fc
      .date({ min: new Date(earliest), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ],
  [
    formats.birthdate,
    fc
      .date({ min: new Date(earliest), max: new Date(), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ],
  [formats.phone, digits(3, 20).map((d) => `+${d}`)],
  [formats.country, fc.constantFrom(...COUNTRY_CODES)],
  [
    formats.currency,
    fc.string({ unit: fc.constantFrom(...letters.toUpperCase()), minLength: 3, maxLength: 3 }),
  ],
  [formats.month, fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'))],
  [formats.year, fc.oneof(digits(2, 2), digits(4, 4))],
  [
    formats.culture,
    fc.tuple(word(2, 2), word(2, 2)).map(([language, country]) => `${language}-${country.toUpperCase()}`),
  ],
  [formats.cardToken, word(8, 29).map((w) => `ct_${w}`)],
  [formats.cvvToken, word(6, 14).map((w) => `cvv_${w}`)],
]);

/** Values that follow `rule`. */
export function validValue(rule: FieldRule): fc.Arbitrary<string> {
  if (rule.oneOf) return fc.constantFrom(...rule.oneOf);
  if (rule.format) {
    const values = BY_FORMAT.get(rule.format);
    if (!values) throw new Error('arbitraries.ts: no valid values for this format');
    return values;
  }
  return freeText(rule.length ?? rule.max ?? 40);
}

/** Strings chosen to break rules: empty, blank, too long, control characters, card numbers, junk. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    'DEU',
    'USA',
    'CAN',
    'EUR',
    'eur',
    '00',
    '13',
    '2030',
    '1899-12-31',
    '2999-01-01',
  ),
  fc.constantFrom('4111111111111111', '123', 'a@b', 'en-DE', 'x'.repeat(300), 'Ber\u0000lin', '<script>'),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Valid objects for a table; for addresses in the USA or Canada a state is added. */
export function validObject(table: FieldTable): fc.Arbitrary<Record<string, string>> {
  const entries = Object.entries(table);
  const shape = Object.fromEntries(entries.map(([name, rule]) => [name, validValue(rule)]));
  const requiredKeys = entries.filter(([, rule]) => rule.required).map(([name]) => name);
  return fc
    .record(shape, { requiredKeys })
    .map((value) =>
      'state' in table && COUNTRIES_REQUIRING_STATE.includes(value.countryCode ?? '') && !value.state
        ? { ...value, state: 'NY' }
        : value,
    );
}

/** Objects for a table whose fields are each missing, valid, hostile, or of the wrong type. */
export function anyObject(table: FieldTable): fc.Arbitrary<unknown> {
  const shape = Object.fromEntries(
    Object.entries(table).map(([name, rule]) => [
      name,
      fc.oneof(validValue(rule), hostileString, fc.constantFrom(42, null, true)),
    ]),
  );
  return fc.oneof(
    { weight: 9, arbitrary: fc.record(shape, { requiredKeys: [] }) },
    fc.constantFrom('x', null, []),
  );
}

/** Bodies for a spec whose every field and section may be missing, valid, hostile or mistyped. */
export function anyBody(spec: BodySpec): fc.Arbitrary<unknown> {
  const fields = anyObject(spec.fields).map((value) =>
    typeof value === 'object' && value && !Array.isArray(value) ? value : {},
  );
  const sections = fc.record(
    Object.fromEntries(
      Object.entries(spec.sections).map(([name, section]) => [name, anyObject(section.fields)]),
    ),
    { requiredKeys: [] },
  );
  return fc.tuple(fields, sections).map(([own, nested]) => ({ ...own, ...nested }));
}
