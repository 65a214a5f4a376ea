import type { LeafIssue } from '@smartpay/contract';
import { COUNTRY_ALPHA2, COUNTRY_CODES } from '@smartpay/contract/core';
import { LANGUAGES, MESSAGES, type MessageKey, type Messages } from './messages.js';

export type { MessageKey, Messages };

/** A problem with one field, as the widget keeps it: a message key and its values, localised when shown. */
export interface Problem {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A valid BCP 47 tag, or undefined. */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

/** The texts for a locale (by language; English when there is none), with the merchant's overrides on top. */
export function catalogue(locale: string, overrides?: Partial<Messages>): Messages {
  const column = Math.max(0, (LANGUAGES as readonly string[]).indexOf(locale.split('-')[0]!));
  const texts = Object.fromEntries(Object.entries(MESSAGES).map(([key, row]) => [key, row[column]]));
  return { ...texts, ...overrides } as Messages;
}

/** Fills `{name}` placeholders. */
export const fill = (text: string, params: Readonly<Record<string, string | number>> = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

/** A problem in words, in the active locale (a date limit stays in ISO form: 1900-01-01 reads the same everywhere). */
export const problemText = (m: Messages, problem: Problem): string => fill(m[problem.key], problem.params);

const FORMAT_KEYS: Readonly<Record<string, MessageKey>> = {
  email: 'errEmail',
  date: 'errDate',
  phone: 'errPhone',
  country: 'errChoice',
};

/** Codes without their own sentence (control characters, a wrong length) fall back to errInvalid. */
const CODE_KEYS: Readonly<Record<string, MessageKey>> = {
  required: 'errRequired',
  too_long: 'errTooLong',
  invalid_value: 'errChoice',
  too_early: 'errTooEarly',
  in_future: 'errFuture',
};

/** The contract's issue (by code and params, never its English sentence) as a problem to show. */
export function problemOf(issue: Pick<LeafIssue, 'code' | 'params'>): Problem {
  const key =
    issue.code === 'invalid_format'
      ? (FORMAT_KEYS[String(issue.params?.format)] ?? 'errInvalid')
      : (CODE_KEYS[issue.code] ?? 'errInvalid');
  return { key, params: issue.params as Problem['params'] };
}

const countryLists = new Map<string, readonly (readonly [code: string, name: string])[]>();

/** Every ISO 3166-1 alpha-3 code with its name in `locale`, sorted the locale's way (computed once per locale). */
export function countries(locale: string): readonly (readonly [code: string, name: string])[] {
  let list = countryLists.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
    const { compare } = new Intl.Collator(locale);
    list = COUNTRY_CODES.map((code) => [code, names.of(COUNTRY_ALPHA2.get(code)!) ?? code] as const).sort(
      (a, b) => compare(a[1], b[1]),
    );
    countryLists.set(locale, list);
  }
  return list;
}

/** The alpha-3 code of the locale's likely country (de → DEU, en → USA, ja-JP → JPN), if any. */
export function likelyCountry(locale: string): string | undefined {
  const region = new Intl.Locale(locale).maximize().region;
  for (const [alpha3, alpha2] of COUNTRY_ALPHA2) if (alpha2 === region) return alpha3;
  return undefined;
}
