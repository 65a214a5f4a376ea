import { readdirSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

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

export default defineConfig(({ mode }) =>
  mode === 'cdn'
    ? {
        plugins: [minifyTemplates(), dropAnnotations()],
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
          rolldownOptions: { output: { minify: true } },
        },
      }
    : {
        plugins: [minifyTemplates()],
        build: {
          target: 'es2022',
          outDir: 'dist',
          minify: false,
          sourcemap: true,
          lib: {
            entry: { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts', ...chunks },
            formats: ['es'],
          },
          rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^react(\/|$)/] },
        },
      },
);
