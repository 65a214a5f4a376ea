import { defineConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

/**
 * Two builds from one config:
 * - `vite build`: dist/, the npm build. ESM, one file per entry, lit and react left to the app's
 *   bundler, the contract's browser half bundled in (it is not published on its own).
 * - `vite build --mode cdn`: dist-cdn/smartpay-network-token.js, one minified file with Lit inside
 *   that registers the element: for a plain `<script type="module">`.
 */
export default defineConfig(({ mode }) =>
  mode === 'cdn'
    ? {
        plugins: [minifyTemplates()],
        build: {
          target: 'es2022',
          outDir: 'dist-cdn',
          minify: true,
          lib: { entry: 'src/define.ts', formats: ['es'], fileName: () => 'smartpay-network-token.js' },
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
            entry: { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' },
            formats: ['es'],
          },
          rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^react(\/|$)/] },
        },
      },
);
