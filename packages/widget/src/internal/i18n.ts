import type { LeafIssue } from '@smartpay/contract';
import { COUNTRY_ALPHA2 } from '@smartpay/contract/core';
import { catalogues } from './catalogues.js';
import en from './locales/en.js';
import type { MessageKey, Messages } from './messages.js';

export type { MessageKey, Messages };

/** A problem with one field, as the widget keeps it: a message key and its values, localised when shown. */
export interface Problem {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * Every language shipped besides English, each a lazy chunk (`locales/<name>.js` next to the widget's
 * file): the two-letter ones, written without spaces, then the regional ones.
 */
export const LANGUAGES: readonly string[] =
  'arbgcsdadeelesetfifrgahehihrhuiditjakoltlvmsmtnbnlplptroruskslsvthtrukvi'
    .match(/../g)!
    .concat('es-419', 'pt-BR', 'zh-Hans', 'zh-Hant');

/** Right-to-left languages among them. */
export const isRtl = (language: string): boolean => /^(ar|he)\b/.test(language);

/** A valid BCP 47 tag, or undefined. */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalogue for a locale: its language, or the regional variant shipped (pt-BR, es-419 for
 * Spanish outside Spain, zh-Hant for Taiwan, Hong Kong and Macau, nb for any Norwegian), else English.
 */
export function languageOf(locale: string): string {
  const { language, script, region = '' } = new Intl.Locale(locale);
  const name =
    language === 'zh'
      ? script === 'Hant' || /^(TW|HK|MO)$/.test(region)
        ? 'zh-Hant'
        : 'zh-Hans'
      : language === 'pt' && region === 'BR'
        ? 'pt-BR'
        : language === 'es' && region && region !== 'ES'
          ? 'es-419'
          : /^n[bno]$/.test(language)
            ? 'nb'
            : language;
  return LANGUAGES.includes(name) ? name : 'en';
}

/**
 * This element's texts: English at hand, every other language a chunk loaded once per page. Pure,
 * so that a bundle of the saved-cards element alone (which shares this module) leaves it out.
 */
const texts = /* @__PURE__ */ catalogues<Messages>(
  'smartpay-network-token',
  // Without the card step's texts until the direct flow's chunk adds them (english-card-texts.ts).
  en as Messages,
  (language) => import(/* @vite-ignore */ `./locales/${language}.js`),
);

/** Loads a catalogue once per page; resolves when it is there (or English stands in for it). */
export const loadTexts = (language: string): Promise<unknown> => texts.load(language);

/** A catalogue's texts if loaded, with the merchant's overrides on top. */
export const textsOf = (language: string, overrides?: Partial<Messages>): Messages | undefined =>
  texts.texts(language, overrides);

/** Fills `{name}` placeholders. */
export const fill = (text: string, params: Readonly<Record<string, string | number>> = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

/** A problem in words, in the active locale (a date limit stays in ISO form: 1900-01-01 reads the same everywhere). */
export const problemText = (m: Messages, problem: Problem): string => fill(m[problem.key], problem.params);

/**
 * The sentence of an issue: by its format for `invalid_format`, else by its code. Others (control
 * characters, a wrong length) fall back to errInvalid.
 */
const ISSUE_KEYS: Readonly<Record<string, MessageKey>> = {
  email: 'errEmail',
  date: 'errDate',
  phone: 'errPhone',
  country: 'errChoice',
  required: 'errRequired',
  too_long: 'errTooLong',
  invalid_value: 'errChoice',
  too_early: 'errTooEarly',
  in_future: 'errFuture',
};

/** The contract's issue (by code and params, never its English sentence) as a problem to show. */
export function problemOf(issue: Pick<LeafIssue, 'code' | 'params'>): Problem {
  const { code, params } = issue;
  const key = ISSUE_KEYS[code === 'invalid_format' ? String(params?.format) : code] ?? 'errInvalid';
  return { key, params: params as Problem['params'] };
}

/** The alpha-3 code of a country given as alpha-2 or alpha-3, in any case (`de`, `DEU`), if it is one. */
export function alpha3(code: string | undefined): string | undefined {
  const upper = code?.toUpperCase();
  for (const [three, two] of COUNTRY_ALPHA2) if (upper === three || upper === two) return three;
  return undefined;
}

/**
 * The country a locale names (de-AT: AUT), else its likely one (de: DEU). Only the second needs
 * `maximize()`, whose first call loads locale data (tens of milliseconds): the widget asks late.
 */
export function likelyCountry(locale: string): string | undefined {
  const tag = new Intl.Locale(locale);
  return alpha3(tag.region ?? tag.maximize().region);
}

type CountryList = readonly (readonly [code: string, name: string])[];

const countryLists = new Map<string, CountryList>();

/**
 * The country list of a locale if it is built; else it is built in a task of its own, after the
 * render that asked (the first per page loads region names and collation data: tens of
 * milliseconds), and `then` runs.
 */
export function countryList(locale: string, then: () => void): CountryList | undefined {
  const list = countryLists.get(locale);
  if (!list)
    setTimeout(() => {
      countries(locale);
      then();
    });
  return list;
}

/**
 * Every ISO 3166-1 alpha-3 code with its name in `locale`, sorted the locale's way. The first call
 * per page loads region names and collation data: built once per locale, after the first render.
 */
export function countries(locale: string): CountryList {
  let list = countryLists.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames(locale, { type: 'region' });
    const { compare } = new Intl.Collator(locale);
    list = [...COUNTRY_ALPHA2]
      .map(([code, two]) => [code, names.of(two) ?? code] as const)
      .sort((a, b) => compare(a[1], b[1]));
    countryLists.set(locale, list);
  }
  return list;
}
