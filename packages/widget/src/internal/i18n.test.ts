import { expect } from '@open-wc/testing';
import type { IssueCode } from '@smartpay/contract';
import { canonicalLocale, catalogue, countries, fill, likelyCountry, problemOf } from './i18n.js';
import { LANGUAGES, MESSAGES } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has every text in English, German and Japanese', () => {
    expect(LANGUAGES).to.deep.equal(['en', 'de', 'ja']);
    for (const [key, row] of Object.entries(MESSAGES)) {
      expect(row, key).to.have.length(3);
      row.forEach((text, i) => {
        // German leaves out one title on purpose (one word for Mrs and Ms).
        if (!(key === 'titleMrs' && LANGUAGES[i] === 'de'))
          expect(text.trim(), `${key} ${LANGUAGES[i]}`).not.to.equal('');
      });
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const [key, [en, ...others]] of Object.entries(MESSAGES)) {
      for (const text of others) expect(placeholders(text), key).to.deep.equal(placeholders(en));
    }
  });

  it('picks the catalogue by language, falls back to English, and lets the merchant override any text', () => {
    expect(catalogue('de-AT').continue).to.equal('Weiter');
    expect(catalogue('ja').continue).to.equal('次へ');
    expect(catalogue('pt-BR').continue).to.equal('Continue');
    const custom = catalogue('de', { continue: 'Los' });
    expect(custom.continue).to.equal('Los');
    expect(custom.back).to.equal('Zurück');
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
    for (const code of codes) expect(MESSAGES, code).to.have.property(problemOf({ code }).key);
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
    expect(likelyCountry('en-GB')).to.equal('GBR');
    expect(likelyCountry('ja')).to.equal('JPN');
  });
});
