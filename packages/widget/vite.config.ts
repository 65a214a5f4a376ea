import { readdirSync } from 'node:fs';
import { defineConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

/**
 * Every language but English is an entry of its own: `locales/<name>.js` next to the file that
 * loads it, fetched by a relative `import()` when a shopper needs it (English is in the main file).
 */
const locales = Object.fromEntries(
  readdirSync('src/internal/locales')
    .filter((file) => file !== 'en.ts')
    .map((file) => [`locales/${file.slice(0, -3)}`, `src/internal/locales/${file}`]),
);

/**
 * Two builds from one config:
 * - `vite build`: dist/, the npm build. ESM, one file per entry, lit and react left to the app's
 *   bundler, the contract's browser half bundled in (it is not published on its own).
 * - `vite build --mode cdn`: dist-cdn/smartpay-network-token.js, one minified file with Lit inside
 *   that registers the element: for a plain `<script type="module">`; its languages in dist-cdn/locales/.
 */
export default defineConfig(({ mode }) =>
  mode === 'cdn'
    ? {
        plugins: [minifyTemplates()],
        build: {
          target: 'es2022',
          // The size breakdown (scripts/size-breakdown.mjs) builds elsewhere, with a source map.
          outDir: process.env.SIZE_OUT_DIR ?? 'dist-cdn',
          sourcemap: !!process.env.SIZE_SOURCEMAP,
          minify: true,
          lib: {
            entry: { 'smartpay-network-token': 'src/define.ts', ...locales },
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
            entry: { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts', ...locales },
            formats: ['es'],
          },
          rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^react(\/|$)/] },
        },
      },
);
