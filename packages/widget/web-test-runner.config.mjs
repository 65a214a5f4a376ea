import { chromiumLaunchOptions } from '@smartpay/chromium';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';

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

export default {
  files: 'src/**/*.test.ts',
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
    }),
  ],
  // One page at a time: a page in a background tab is hidden (no requestAnimationFrame, throttled timers).
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), countReporter()],
  // 15 s: an axe run takes a second on an idle machine but over 5 s on two cores shared with other test runs.
  testFramework: { config: { timeout: 15_000, ...(process.env.GREP ? { grep: process.env.GREP } : {}) } },
};
