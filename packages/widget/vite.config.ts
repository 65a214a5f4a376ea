import { readdirSync } from 'node:fs';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';
import { trimLitHtmlPlugin } from './scripts/trim-lit-html.js';

/**
 * Every language but English is an entry of its own, `locales/<name>.js`, and so are the US and
 * Canadian states (`states.js`): next to the file that loads them, fetched by a relative `import()`
 * when a shopper needs them (English is in the main file).
 */
const chunks = {
  states: 'src/internal/states.ts',
  ...Object.fromEntries(
    readdirSync('src/internal/locales')
      .filter((file) => file !== 'en.ts')
      .map((file) => [`locales/${file.slice(0, -3)}`, `src/internal/locales/${file}`]),
  ),
};

/** `<smartpay-saved-cards>`'s languages, entries of their own too: `saved-cards/locales/<name>.js`. */
const savedCardsChunks = Object.fromEntries(
  readdirSync('src/saved-cards/locales')
    .filter((file) => file !== 'en.ts')
    .map((file) => [`saved-cards/locales/${file.slice(0, -3)}`, `src/saved-cards/locales/${file}`]),
);

/**
 * Two builds from one config:
 * - `vite build`: dist/, the npm build. ESM, one file per entry, lit and react left to the app's
 *   bundler, the contract's browser half bundled in (it is not published on its own).
 * - `vite build --mode cdn`: dist-cdn/smartpay-network-token.js, one minified file with Lit inside
 *   that registers the element: for a plain `<script type="module">`; its languages in dist-cdn/locales/.
 */
/** The minifier keeps the `@__PURE__` and `@vite-ignore` annotation comments, which no one reads after it. */
const dropAnnotations = (): Plugin => ({
  name: 'smartpay-drop-annotations',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk')
        chunk.code = chunk.code.replace(/\/\* @(__PURE__|vite-ignore) \*\/\s*/g, '');
  },
});

/**
 * npm build only: the language `import()` becomes one static `import()` per language, which every
 * bundler (Vite, webpack, esbuild, Rollup) follows, so an app's build carries the chunks too. The
 * CDN file keeps the one template-literal `import()`: shorter, and its chunks sit next to it.
 */
const staticLocaleImports = (): Plugin => ({
  name: 'smartpay-static-locale-imports',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('/internal/i18n.ts')) return null;
    const loaders = Object.keys(chunks)
      .filter((name) => name.startsWith('locales/'))
      .map((name) => `'${name.slice(8)}': () => import('./${name}.ts')`);
    const next = code.replace(
      /import\(\/\* @vite-ignore \*\/ `\.\/locales\/\$\{language\}\.js`\)/,
      `({ ${loaders.join(', ')} } as Record<string, () => Promise<unknown>>)[language]!()`,
    );
    if (next === code) throw new Error('i18n.ts: the locale import() to rewrite was not found');
    return { code: next, map: null };
  },
});

const mainBuilds = defineConfig(({ mode }) =>
  mode === 'cdn'
    ? {
        // Not for the size breakdown's build: its source map must match the code byte for byte.
        plugins: [
          trimLitHtmlPlugin(),
          minifyTemplates(),
          ...(process.env.SIZE_SOURCEMAP ? [] : [dropAnnotations()]),
        ],
        build: {
          target: 'es2022',
          // The size breakdown (scripts/size-breakdown.mjs) builds elsewhere, with a source map.
          outDir: process.env.SIZE_OUT_DIR ?? 'dist-cdn',
          sourcemap: !!process.env.SIZE_SOURCEMAP,
          minify: true,
          lib: {
            entry: { 'smartpay-network-token': 'src/define.ts', ...chunks },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
          // The direct flow's card fields (a dynamic import): `direct-fields.js` next to the file.
          rolldownOptions: {
            // The card fields' chunk may import what it shares with the file from the file itself.
            preserveEntrySignatures: 'allow-extension',
            output: {
              minify: true,
              chunkFileNames: '[name].js',
            },
          },
        },
      }
    : {
        plugins: [minifyTemplates(), staticLocaleImports()],
        build: {
          target: 'es2022',
          outDir: 'dist',
          minify: false,
          sourcemap: true,
          lib: {
            entry: {
              index: 'src/index.ts',
              define: 'src/define.ts',
              react: 'src/react.ts',
              'saved-cards/index': 'src/saved-cards/index.ts',
              'saved-cards/define': 'src/saved-cards/define.ts',
              ...chunks,
              ...savedCardsChunks,
            },
            formats: ['es'],
          },
          rollupOptions: {
            external: [/^lit(\/|$)/, /^@lit\//, /^react(\/|$)/],
            output: { chunkFileNames: '[name].js' },
          },
        },
      },
);

/**
 * A third build, `vite build --mode cdn-saved-cards`: dist-cdn/smartpay-saved-cards.js,
 * `<smartpay-saved-cards>` with Lit inside, built on its own so that the main CDN file shares
 * nothing with it (and does not grow); its languages in dist-cdn/saved-cards/locales/. Runs after
 * the main CDN build, into the same folder, which it leaves as it is.
 */
const savedCardsCdn: UserConfig = {
  plugins: [trimLitHtmlPlugin(), minifyTemplates(), dropAnnotations()],
  build: {
    target: 'es2022',
    outDir: 'dist-cdn',
    emptyOutDir: false,
    minify: true,
    lib: {
      entry: { 'smartpay-saved-cards': 'src/saved-cards/define.ts', ...savedCardsChunks },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: { output: { minify: true } },
  },
};

export default defineConfig((env) => (env.mode === 'cdn-saved-cards' ? savedCardsCdn : mainBuilds(env)));
