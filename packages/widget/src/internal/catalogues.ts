/**
 * The texts of one element in every language: English at hand, each other language a chunk loaded
 * once per page on first use. A chunk that fails to load falls back to English (with a warning).
 */
export interface Catalogues<T> {
  /** Loads a language once per page; resolves when it is there (or English stands in for it). */
  load(language: string): Promise<unknown>;
  /** A language's texts if loaded, with the merchant's overrides on top; else undefined. */
  texts(language: string, overrides?: Partial<T>): T | undefined;
}

export function catalogues<T extends object>(
  tag: string,
  english: T,
  chunk: (language: string) => Promise<{ default: T }>,
): Catalogues<T> {
  /** Each language's texts once loaded, or its load under way. */
  const loaded = new Map<string, T | Promise<unknown>>([['en', english]]);
  return {
    load(language) {
      if (!loaded.has(language))
        loaded.set(
          language,
          chunk(language)
            .then(
              (module) => module.default,
              () => {
                console.warn(`<${tag}>: the ${language} texts did not load; using English.`);
                return english;
              },
            )
            .then((texts) => loaded.set(language, texts)),
        );
      return Promise.resolve(loaded.get(language));
    },
    texts(language, overrides) {
      const texts = loaded.get(language);
      // On top of English itself: texts kept for a while still see those added to it later (the
      // direct flow's card step, see english-card-texts.ts).
      return texts && !(texts instanceof Promise)
        ? ({ __proto__: english, ...texts, ...overrides } as T)
        : undefined;
    },
  };
}
