import type { Catalogues } from '../internal/catalogues.js';
import { catalogues } from '../internal/catalogues.js';
import en from './locales/en.js';

/** The texts of `<smartpay-saved-cards>`, by key: what its `messages` property overrides. */
export type SavedCardsMessages = { readonly [K in keyof typeof en]: string };

type Chunk = Promise<{ default: SavedCardsMessages }>;

/**
 * One `import()` per language, written out: every bundler (and the CDN build) follows these and
 * emits one small chunk per language; the same languages as `<smartpay-network-token>` (a test
 * checks the two lists agree).
 */
export const CHUNKS: Readonly<Record<string, () => Chunk>> = {
  ar: () => import('./locales/ar.js'),
  bg: () => import('./locales/bg.js'),
  cs: () => import('./locales/cs.js'),
  da: () => import('./locales/da.js'),
  de: () => import('./locales/de.js'),
  el: () => import('./locales/el.js'),
  'es-419': () => import('./locales/es-419.js'),
  es: () => import('./locales/es.js'),
  et: () => import('./locales/et.js'),
  fi: () => import('./locales/fi.js'),
  fr: () => import('./locales/fr.js'),
  ga: () => import('./locales/ga.js'),
  he: () => import('./locales/he.js'),
  hi: () => import('./locales/hi.js'),
  hr: () => import('./locales/hr.js'),
  hu: () => import('./locales/hu.js'),
  id: () => import('./locales/id.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  lt: () => import('./locales/lt.js'),
  lv: () => import('./locales/lv.js'),
  ms: () => import('./locales/ms.js'),
  mt: () => import('./locales/mt.js'),
  nb: () => import('./locales/nb.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  pt: () => import('./locales/pt.js'),
  ro: () => import('./locales/ro.js'),
  ru: () => import('./locales/ru.js'),
  sk: () => import('./locales/sk.js'),
  sl: () => import('./locales/sl.js'),
  sv: () => import('./locales/sv.js'),
  th: () => import('./locales/th.js'),
  tr: () => import('./locales/tr.js'),
  uk: () => import('./locales/uk.js'),
  vi: () => import('./locales/vi.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
  'zh-Hant': () => import('./locales/zh-Hant.js'),
};

export const savedCardsTexts: Catalogues<SavedCardsMessages> = catalogues(
  'smartpay-saved-cards',
  en,
  (language) => (CHUNKS[language] ?? (() => Promise.reject(new Error(`no ${language} texts`))))(),
);
