import { readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { chromiumLaunchOptions } from '@smartpay/chromium';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { trimLitHtml } from './scripts/lit-html-trim.mjs';

/** Prints `widget: N passed, N failed, N skipped` as the very last line (the root `npm test` adds it up). */
function countReporter() {
  let line = '';
  process.once('exit', () => {
    if (line) process.stdout.write(`${line}\n`);
  });
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && session.errors?.length) failed++;
      }
      line = `widget: ${passed} passed, ${failed} failed, ${skipped} skipped`;
    },
  };
}

/**
 * The widget loads a language with a relative `import('./locales/<name>.js')` (and the US and
 * Canadian states with `import('./states.js')`), as the built files sit side by side; in the tests
 * the sources are TypeScript. Serve each such `.ts` as that `.js`, with its only TypeScript (the
 * type import and the closing `satisfies Messages` or `as …`) taken out.
 */
function localesFromSource() {
  return {
    name: 'locales-from-source',
    async serve({ path }) {
      const match = /^\/src\/internal\/(locales\/[\w-]+|states)\.js$/.exec(path);
      if (!match) return undefined;
      const body = await readFile(new URL(`./src/internal/${match[1]}.ts`, import.meta.url), 'utf8').catch(
        () => undefined,
      );
      if (body === undefined) return undefined;
      const js = body.replace(/^import type .*$/m, '').replace(/\s+(satisfies|as) [\w<>, ]+;\s*$/, ';');
      return { body: js, type: 'js' };
    },
    resolveMimeType({ path }) {
      return /^\/src\/internal\/(locales\/.*|states)\.js$/.test(path) ? 'js' : undefined;
    },
  };
}

/**
 * The widget's own modules run on the lit-html the CDN file ships: the production build, trimmed
 * (scripts/lit-html-trim.mjs). The test harness (@open-wc, which uses LitElement and directives)
 * keeps the full development build.
 */
function shippedLitHtml() {
  const path = '/__shipped/lit-html.js';
  // pnpm puts lit's dependencies beside it.
  const file = new URL(`file://${realpathSync('node_modules/lit')}/../lit-html/lit-html.js`);
  const body = trimLitHtml(readFileSync(file, 'utf8'));
  return {
    name: 'shipped-lit-html',
    resolveImport({ source, context }) {
      const own = /^\/src\//.test(context.path) && !/\.test\.ts$|^\/src\/test\//.test(context.path);
      if (own && (source === 'lit/html.js' || source === 'lit-html')) return path;
    },
    serve(context) {
      if (context.path === path) return { body, type: 'js' };
    },
  };
}

export default {
  files: 'src/**/*.test.ts',
  nodeResolve: { exportConditions: ['development'] },
  plugins: [
    shippedLitHtml(),
    localesFromSource(),
    esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
    }),
  ],
  // One page at a time: a page in a background tab is hidden (no requestAnimationFrame, throttled timers).
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), countReporter()],
  // axe over a form with 300 options takes seconds on a busy 2-core machine.
  testFramework: { config: { timeout: 15000, ...(process.env.GREP ? { grep: process.env.GREP } : {}) } },
};
