import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { body, startHarness } from './helpers/harness.ts';

const root = mkdtempSync(join(tmpdir(), 'smartpay-static-'));
const site = join(root, 'site');
mkdirSync(join(site, 'assets'), { recursive: true });
mkdirSync(join(site, 'react'));
writeFileSync(join(site, 'index.html'), '<!doctype html><title>Checkout</title>');
writeFileSync(join(site, 'react', 'index.html'), '<!doctype html><title>React</title>');
writeFileSync(join(site, 'assets', 'app-1a2b3c.js'), 'export {}');
writeFileSync(join(site, 'assets', 'app-1a2b3c.css'), 'body{}');
writeFileSync(join(site, 'logo.svg'), '<svg/>');
writeFileSync(join(site, '.env'), 'SECRET=1');
writeFileSync(join(root, 'outside.txt'), 'outside');

const harness = startHarness({ staticDir: site });
after(() => {
  harness.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, method = 'GET') => harness.app.request(path, { method });

describe('the built demo at /', () => {
  test('index.html at / and for directories, with an HTML content type', async () => {
    for (const [path, title] of [
      ['/', 'Checkout'],
      ['/index.html', 'Checkout'],
      ['/react/', 'React'],
    ] as const) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await response.text(), new RegExp(title!));
      assert.equal(response.headers.get('cache-control'), 'no-cache');
    }
  });

  test('content types by extension; hashed assets are cached for good', async () => {
    const js = await get('/assets/app-1a2b3c.js');
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match((await get('/assets/app-1a2b3c.css')).headers.get('content-type') ?? '', /^text\/css/);
    assert.match((await get('/logo.svg')).headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal((await get('/logo.svg')).headers.get('x-content-type-options'), 'nosniff');
  });

  test('HEAD works; other methods do not', async () => {
    const head = await get('/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal((await get('/', 'POST')).status, 404);
  });

  test('a CSP that allows SmartPay’s SDK, hosted form and PCI proxy, and nothing inline', async () => {
    const csp = (await get('/')).headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' http:\/\/localhost:4010(;|$)/);
    assert.match(csp, /frame-src http:\/\/localhost:4010(;|$)/);
    assert.match(csp, /connect-src 'self' http:\/\/localhost:4010/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe/);
  });

  test('no way out of the directory and no dot-files', async () => {
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/%2e%2e/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/..%5coutside.txt',
      '/%2e%2e%2foutside.txt',
      '/.env',
      '/%2eenv',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const text = await response.text();
      assert.doesNotMatch(text, /outside|SECRET/, path);
    }
  });

  test('a missing file is the envelope 404; the API still wins over the site', async () => {
    const missing = await get('/nope.html');
    assert.equal(missing.status, 404);
    assert.equal((await body<MerchantErrorBody>(missing)).error.code, 'not_found');
    assert.equal((await get('/api/config')).status, 200);
    assert.equal((await get('/healthz')).status, 200);
  });

  test('without staticDir nothing is served at /', async () => {
    const bare = startHarness();
    after(() => bare.close());
    assert.equal((await bare.app.request('/')).status, 404);
  });
});
