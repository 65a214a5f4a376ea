/**
 * The packages as a merchant gets them. Every published package is packed (`pnpm pack`), checked
 * with publint and are-the-types-wrong, and installed with npm from the registry into fresh apps
 * (apps/): a Vite front end (plain TypeScript and React 19), a Node back end (Hono, node:http,
 * Express 5 recipes and the bin) and the sandbox. Each app type-checks in strict mode against the
 * published typings, imports on a server without a DOM, and saves a card against the sandbox.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, screenshotOnFailure } from '@smartpay/e2e/harness/browser';
import type { Browser } from 'playwright-core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import {
  APPS,
  type AppName,
  installApp,
  type Running,
  startInApp,
  stopAll,
  transpile,
} from '../harness/apps.ts';
import { mustRun, type RunResult, run } from '../harness/run.ts';
import { saveCardInBrowser, saveCardThroughApi } from '../harness/save-card.ts';
import { PUBLISHED, type PublishedName, packAll } from '../harness/tarballs.ts';

const work = mkdtempSync(join(tmpdir(), 'smartpay-consumer-'));
const ATTW = join(import.meta.dirname, '..', 'node_modules', '.bin', 'attw');
const SERVER_ENV = {
  CLIENT_SECRET_KEY: 'consumer-test-server-key-0123456789abcdef',
  DATA_DIR: join(work, 'data'),
};

/** Where the time goes, printed at the end (seconds). */
const started = Date.now();
const timings: Record<string, number> = {};
const timed = async <T>(label: string, job: () => Promise<T>): Promise<T> => {
  const since = Date.now();
  try {
    return await job();
  } finally {
    timings[label] = (Date.now() - since) / 1000;
  }
};

let tarballs: Record<PublishedName, string>;
const dir = {} as Record<AppName, string>;
let sandbox: Running;
const shops = {} as Record<'hono' | 'node' | 'express' | 'bin', Running>;
let browser: Browser;
const running: (Running | undefined)[] = [];

/**
 * The CPU-heavy checks (are-the-types-wrong, tsc, vite build), started in `before` and awaited by
 * their tests. They run in two lanes, one job after another in each, beside the browser and HTTP
 * tests (which mostly wait): more at once only slows everything down on a two-core machine.
 */
const background = {} as Record<
  'attw' | 'viteBuild' | 'typesDefine' | 'typesReact' | 'typesServer' | 'typesHono',
  Promise<RunResult[]>
>;
const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
let queued = 0;
const inBackground = (label: string, job: () => Promise<RunResult[]>) => {
  const lane = queued++ % lanes.length;
  const done = (lanes[lane] ?? Promise.resolve()).then(() => timed(label, job));
  lanes[lane] = done.catch(() => {});
  return done;
};

const vite = 'node_modules/vite/bin/vite.js';
const tsc = (app: AppName, project: string) =>
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { cwd: dir[app] });
// esm-only: the packages are ESM; require() of them is Node's business (Node 20.19 has require(esm)).
const attw = (tarball: string) =>
  run(ATTW, [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', '--no-color'], {
    cwd: work,
  });

before(
  async () => {
    tarballs = await timed('pnpm pack', () => packAll(join(work, 'tarballs')));
    background.attw = inBackground('attw', () => Promise.all(PUBLISHED.map((name) => attw(tarballs[name]))));
    await timed('npm install (3 apps at once)', () =>
      Promise.all(APPS.map(async (name) => (dir[name] = (await installApp(name, work)).dir))),
    );
    background.viteBuild = inBackground('vite build', async () => [
      await run(process.execPath, [vite, 'build'], { cwd: dir.browser }),
    ]);
    background.typesDefine = inBackground('tsc /define', async () => [await tsc('browser', 'tsconfig.json')]);
    background.typesReact = inBackground('tsc /react', async () => [
      await tsc('browser', 'tsconfig.react.json'),
    ]);
    background.typesServer = inBackground('tsc server', async () => [await tsc('server', 'tsconfig.json')]);
    background.typesHono = inBackground('tsc hono', async () => [await tsc('server', 'tsconfig.hono.json')]);

    // The no-build-step page: the dist-cdn folder goes, as it is, where the Express shop serves static files.
    cpSync(join(dir.browser, 'node_modules/@smartpay/widget/dist-cdn'), join(dir.server, 'public'), {
      recursive: true,
    });
    transpile(dir.server, ['hono-shop.ts', 'node-shop.ts', 'express-shop.ts']);
    [sandbox, browser] = await Promise.all([
      startInApp(dir.sandbox, 'node_modules/.bin/smartpay-sandbox', {
        portVariable: 'SANDBOX_PORT',
        env: { SANDBOX_TIME_SCALE: '0.05' },
        healthPath: '/healthz',
      }),
      launchBrowser(),
    ]);
    running.push(sandbox);
    // The kit mounted under /smartpay: the PCI proxy forwards direct creates to that prefix.
    const start = (script: string, prefix = '') =>
      startInApp(dir.server, script, {
        env: (port) => ({
          ...SERVER_ENV,
          SMARTPAY_BASE_URL: sandbox.url,
          ...(prefix && { PCI_PROXY_TARGET_URL: `http://localhost:${port}${prefix}/api/network-tokens` }),
        }),
        healthPath: `${prefix}/healthz`,
      });
    [shops.hono, shops.node, shops.express, shops.bin] = await Promise.all([
      start('dist/hono-shop.js', '/smartpay'),
      start('dist/node-shop.js'),
      start('dist/express-shop.js', '/smartpay'),
      start('node_modules/.bin/smartpay-server'),
    ]);
    running.push(...Object.values(shops));
  },
  { timeout: 300_000 },
);

/** Fails with the output of every command of a background check that did not succeed. */
async function passed(check: Promise<RunResult[]>): Promise<void> {
  const failures = (await check).filter((result) => result.code !== 0);
  assert.deepEqual(
    failures.map((result) => result.output),
    [],
  );
}

after(async () => {
  await browser?.close();
  await stopAll(running);
  await Promise.all(lanes);
  if (process.env.KEEP_CONSUMER_APPS) console.log(`# apps kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  timings.total = (Date.now() - started) / 1000;
  console.log(
    `# consumer timings: ${Object.entries(timings)
      .map(([label, seconds]) => `${label} ${seconds.toFixed(1)} s`)
      .join(', ')}`,
  );
});

describe('published packages', () => {
  for (const name of PUBLISHED) {
    test(`@smartpay/${name}: publint --strict finds nothing`, async () => {
      const bytes = readFileSync(tarballs[name]);
      const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const { messages, pkg } = await publint({ pack: { tarball }, strict: true });
      assert.deepEqual(
        messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`),
        [],
      );
    });
    test(`@smartpay/${name}: are-the-types-wrong finds nothing for ESM consumers`, async () => {
      const result = (await background.attw)[PUBLISHED.indexOf(name)];
      assert.equal(result?.code, 0, result?.output);
    });
    test(`@smartpay/${name}: the tarball holds the build only, its manifest no source conditions`, async () => {
      const { output } = await mustRun('tar', ['-tzf', tarballs[name]], { cwd: work });
      const files = output.trim().split('\n');
      assert.deepEqual(
        files.filter((f) => /^package\/src\/|\.test\.|\.check\./.test(f)),
        [],
      );
      const manifest = JSON.parse(
        (await mustRun('tar', ['-xzOf', tarballs[name], 'package/package.json'], { cwd: work })).output,
      );
      assert.equal(manifest.private, undefined);
      assert.doesNotMatch(JSON.stringify(manifest.exports), /development|\/src\/|(?<!\.d)\.ts"/);
      assert.doesNotMatch(JSON.stringify(manifest), /workspace:/);
    });
  }
});

describe('server app: @smartpay/server from npm, with Hono, node:http and Express 5', () => {
  test('type-checks in strict mode with skipLibCheck off (node:http and Express recipes)', () =>
    passed(background.typesServer));
  test('the Hono recipe type-checks (skipLibCheck on, as in Hono’s Node template)', () =>
    passed(background.typesHono));
  test('Hono, the kit under /smartpay: saves a card', async () => {
    assert.equal(await (await fetch(`${shops.hono.url}/`)).text(), 'Hono shop');
    await saveCardThroughApi(`${shops.hono.url}/smartpay`, sandbox.url);
  });
  test('plain node:http: saves a card', async () => {
    assert.equal(await (await fetch(`${shops.node.url}/cart`)).text(), 'Node shop');
    await saveCardThroughApi(shops.node.url, sandbox.url);
  });
  test('Express 5 with a global express.json(): saves a card, and the shop’s own JSON routes still work', async () => {
    const order = await fetch(`${shops.express.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'tea' }),
    });
    assert.deepEqual(await order.json(), { received: { item: 'tea' } });
    await saveCardThroughApi(`${shops.express.url}/smartpay`, sandbox.url);
  });
  test('the smartpay-server bin: saves a card', async () => {
    await saveCardThroughApi(shops.bin.url, sandbox.url);
  });
});

describe('browser app: @smartpay/widget alone from npm, in Vite (plain TypeScript, React 19)', {
  concurrency: true,
}, () => {
  test('strict tsc types the element and its event details after importing only /define', () =>
    passed(background.typesDefine));
  test('strict tsc types the React wrapper’s props and callbacks', () => passed(background.typesReact));
  describe('vite dev server', () => {
    let dev: Running;
    before(async () => {
      dev = await startInApp(dir.browser, vite, {
        portFlag: true,
        env: { SHOP_SERVER_URL: shops.express.url },
      });
      running.push(dev);
    });
    test(
      'plain TypeScript page: saves a card in SmartPay’s hosted form',
      screenshotOnFailure((t) => saveCardInBrowser(browser, t, `${dev.url}/`, 'payment-form')),
    );
    test(
      'React page: saves a card in the direct card fields',
      screenshotOnFailure((t) => saveCardInBrowser(browser, t, `${dev.url}/react/?flow=direct`, 'direct')),
    );
  });
  describe('vite build, served by vite preview', () => {
    let preview: Running;
    before(async () => {
      await passed(background.viteBuild);
      preview = await startInApp(dir.browser, vite, {
        args: ['preview'],
        portFlag: true,
        env: { SHOP_SERVER_URL: shops.express.url },
      });
      running.push(preview);
    });
    test(
      'plain TypeScript page: saves a card in the direct card fields',
      screenshotOnFailure((t) => saveCardInBrowser(browser, t, `${preview.url}/?flow=direct`, 'direct')),
    );
    test(
      'React page: saves a card in SmartPay’s hosted form',
      screenshotOnFailure((t) => saveCardInBrowser(browser, t, `${preview.url}/react/`, 'payment-form')),
    );
  });
  test(
    'no build step: the CDN file in a static page of the Express shop saves a card',
    screenshotOnFailure((t) => saveCardInBrowser(browser, t, `${shops.express.url}/`, 'payment-form')),
  );
});

describe('server-side rendering: every Node-safe entry imports without a DOM', () => {
  const importAll = async (app: AppName, specifiers: string[]) => {
    const script = `for (const s of ${JSON.stringify(specifiers)}) await import(s);
      if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a DOM appeared');`;
    await mustRun(process.execPath, ['--input-type=module', '-e', script], { cwd: dir[app] });
  };
  test('@smartpay/widget, /define and /react', () =>
    importAll('browser', ['@smartpay/widget', '@smartpay/widget/define', '@smartpay/widget/react']));
  test('@smartpay/server and @smartpay/contract (/, /core, /examples)', () =>
    importAll('server', [
      '@smartpay/server',
      '@smartpay/contract',
      '@smartpay/contract/core',
      '@smartpay/contract/examples',
    ]));
  test('@smartpay/sandbox', () => importAll('sandbox', ['@smartpay/sandbox']));
});
