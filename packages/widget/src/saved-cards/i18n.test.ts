import { expect } from '@open-wc/testing';
import { LANGUAGES } from '../internal/i18n.js';
import { CHUNKS, type SavedCardsMessages, savedCardsTexts } from './i18n.js';
import en from './locales/en.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('<smartpay-saved-cards> messages', () => {
  it('ships a chunk for every language <smartpay-network-token> speaks', () => {
    expect(Object.keys(CHUNKS).sort()).to.deep.equal([...LANGUAGES].sort());
  });

  it('has every text in every language, with the same placeholders, and nothing else', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    await Promise.all(LANGUAGES.map((language) => savedCardsTexts.load(language))).finally(() => {
      console.warn = warn;
    });
    expect(warnings, 'every chunk loaded').to.deep.equal([]);
    for (const language of LANGUAGES) {
      const texts = savedCardsTexts.texts(language)!;
      expect(texts.remove, language).not.to.equal(en.remove);
      expect(Object.keys(texts).sort(), language).to.deep.equal(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const translated = texts[key as keyof SavedCardsMessages];
        expect(translated.trim(), `${language} ${key}`).not.to.equal('');
        expect(placeholders(translated), `${language} ${key}`).to.deep.equal(placeholders(text));
      }
    }
  });

  it('falls back to English, with a warning, when a chunk does not load', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    await savedCardsTexts.load('xx').finally(() => {
      console.warn = warn;
    });
    expect(savedCardsTexts.texts('xx')).to.deep.equal(en);
    expect(String(warnings[0])).to.contain('<smartpay-saved-cards>: the xx texts did not load');
  });
});
