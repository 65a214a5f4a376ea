import { expect } from '@open-wc/testing';
import type { IssueCode } from '@smartpay/contract';
import { catalogues as cataloguesOf } from './catalogues.js';
import cardTexts from './english-card-texts.js';
import {
  alpha3,
  canonicalLocale,
  countries,
  fill,
  LANGUAGES,
  languageOf,
  likelyCountry,
  loadTexts,
  type Messages,
  problemOf,
  textsOf,
} from './i18n.js';
import en from './locales/en.js';

/** All of English: the main file's texts and the direct flow's card step's (its chunk adds them). */
const english: Messages = { ...en, ...cardTexts };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every catalogue, loaded the way the widget loads it (one chunk per language). */
async function catalogues(): Promise<[string, Messages][]> {
  await Promise.all(LANGUAGES.map((language) => loadTexts(language)));
  return LANGUAGES.map((language) => [language, textsOf(language)!]);
}

describe('messages', () => {
  it('ships at least 32 languages, right-to-left ones included', () => {
    expect(LANGUAGES.length + 1).to.be.at.least(32);
    expect(LANGUAGES).to.include.members(['ar', 'he', 'ja', 'zh-Hans', 'zh-Hant', 'pt-BR', 'es-419', 'nb']);
  });

  it('has every text in every language, and nothing else', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    const all = await catalogues().finally(() => {
      console.warn = warn;
    });
    expect(warnings, 'every chunk loaded').to.deep.equal([]);
    for (const [language, texts] of all) {
      expect(texts, language).not.to.equal(en);
      expect(Object.keys(texts).sort(), language).to.deep.equal(Object.keys(english).sort());
      for (const [key, text] of Object.entries(texts)) {
        // An empty title leaves that option out (German has one word for Mrs and Ms): titles only.
        if (!/^title(Mrs|Ms)$/.test(key)) expect(text.trim(), `${language} ${key}`).not.to.equal('');
      }
    }
  });

  it('uses the same placeholders in every language', async () => {
    for (const [language, texts] of await catalogues()) {
      for (const [key, text] of Object.entries(english))
        expect(placeholders(texts[key as keyof Messages]), `${language} ${key}`).to.deep.equal(
          placeholders(text),
        );
    }
  });

  it('picks the catalogue by language and region, falls back to English, and lets the merchant override any text', async () => {
    const cases: [string, string][] = [
      ['de-AT', 'de'],
      ['pt-BR', 'pt-BR'],
      ['pt-PT', 'pt'],
      ['es-MX', 'es-419'],
      ['es-419', 'es-419'],
      ['es-ES', 'es'],
      ['zh-TW', 'zh-Hant'],
      ['zh-Hant-HK', 'zh-Hant'],
      ['zh-CN', 'zh-Hans'],
      ['zh', 'zh-Hans'],
      ['no', 'nb'],
      ['nn-NO', 'nb'],
      ['sw-KE', 'en'],
      ['en-GB', 'en'],
    ];
    for (const [locale, language] of cases) expect(languageOf(locale), locale).to.equal(language);
    await loadTexts('de');
    expect(textsOf('de')!.continue).to.equal('Weiter');
    const custom = textsOf('de', { continue: 'Los' })!;
    expect(custom.continue).to.equal('Los');
    expect(custom.back).to.equal('Zurück');
    expect(textsOf('en', { back: 'Return' })!.back).to.equal('Return');
  });

  it("keeps the direct flow's card step's English texts apart, each text in one part only", () => {
    expect(Object.keys(cardTexts).sort()).to.deep.equal([
      'cardHolderName',
      'cardNumber',
      'cvc',
      'errBrand',
      'errCardNumber',
      'errCvc',
      'errExpired',
      'errExpiry',
      'expiry',
    ]);
    for (const key of Object.keys(cardTexts)) expect(Object.keys(en), key).not.to.include(key);
  });

  it('shows English texts added after they were taken, in English and in a language that fell back to it', async () => {
    const base: Record<string, string> = { back: 'Back' };
    const texts = cataloguesOf<Record<string, string>>('x-test', base, () =>
      Promise.reject(new Error('offline')),
    );
    const warn = console.warn;
    console.warn = () => {};
    await texts.load('de').finally(() => {
      console.warn = warn;
    });
    const kept = [texts.texts('en')!, texts.texts('de')!, texts.texts('en', { back: 'Return' })!];
    Object.assign(base, { cvc: 'Security code (CVC)' });
    for (const shown of kept) expect(shown.cvc).to.equal('Security code (CVC)');
    expect(kept[2]!.back).to.equal('Return');
  });

  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(fill('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });
});

describe('problems', () => {
  it('has words for every issue code of the contract', () => {
    const codes: IssueCode[] = [
      'required',
      'invalid_type',
      'too_long',
      'wrong_length',
      'invalid_characters',
      'invalid_value',
      'invalid_format',
      'too_early',
      'in_future',
      'not_allowed',
      'conflict',
      'card_number',
    ];
    for (const code of codes) expect(english, code).to.have.property(problemOf({ code }).key);
    expect(problemOf({ code: 'too_long', params: { maximum: 60 } })).to.deep.equal({
      key: 'errTooLong',
      params: { maximum: 60 },
    });
    expect(problemOf({ code: 'invalid_format', params: { format: 'email' } }).key).to.equal('errEmail');
    expect(problemOf({ code: 'invalid_format', params: { format: 'phone' } }).key).to.equal('errPhone');
    expect(problemOf({ code: 'invalid_format', params: { format: 'date' } }).key).to.equal('errDate');
    expect(problemOf({ code: 'invalid_format', params: { format: 'uuid' } }).key).to.equal('errInvalid');
  });
});

describe('locales and countries', () => {
  it('accepts valid BCP 47 tags only', () => {
    expect(canonicalLocale('de-de')).to.equal('de-DE');
    expect(canonicalLocale('not a locale')).to.equal(undefined);
    expect(canonicalLocale('')).to.equal(undefined);
  });

  it('names countries in the locale and sorts them its way', () => {
    const list = countries('ja-JP');
    expect(list.find(([code]) => code === 'DEU')?.[1]).to.equal('ドイツ');
    const names = list.map(([, name]) => name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('ja-JP').compare));
    expect(countries('ja-JP')).to.equal(list);
  });

  it("guesses the shopper's country from the locale", () => {
    expect(likelyCountry('de')).to.equal('DEU');
    expect(likelyCountry('de-AT')).to.equal('AUT');
    expect(likelyCountry('en-GB')).to.equal('GBR');
    expect(likelyCountry('ja')).to.equal('JPN');
    expect(likelyCountry('es-419')).to.equal(undefined);
  });

  it('reads a country given as alpha-2 or alpha-3, in any case', () => {
    expect(alpha3('de')).to.equal('DEU');
    expect(alpha3('AUT')).to.equal('AUT');
    expect(alpha3('xx')).to.equal(undefined);
    expect(alpha3(undefined)).to.equal(undefined);
  });
});
