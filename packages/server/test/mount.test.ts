/** The README's two mounting recipes, run: inside an existing Hono app, and in a plain Node http server. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { createSandbox } from '@smartpay/sandbox';
import { Hono } from 'hono';
import { createApp, loadConfig, silentLogger } from '../src/index.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { SERVER_KEY } from './helpers/harness.ts';

const sandbox = createSandbox();
after(() => sandbox.close());
const smartpay = () =>
  createApp({ ...loadConfig({}), clientSecretKey: SERVER_KEY, fetch: sandbox.fetch, logger: silentLogger });

const createThrough = (request: (path: string, init: RequestInit) => Promise<Response>, prefix = '') =>
  request(`${prefix}/api/network-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `mount-${Math.random()}` },
    body: JSON.stringify(paymentFormBody()),
  });

describe('mounting', () => {
  test('inside an existing Hono app, at the root', async () => {
    const shop = new Hono();
    shop.get('/cart', (c) => c.text('your cart'));
    shop.route('/', smartpay());
    assert.equal(await (await shop.request('/cart')).text(), 'your cart');
    assert.equal((await shop.request('/api/config')).status, 200);
    const created = await createThrough(async (p, i) => shop.request(p, i));
    assert.equal(created.status, 201);
    const invalid = await shop.request('/api/network-tokens', { method: 'POST', body: 'x' });
    assert.equal(invalid.status, 415, 'the kit’s own error handling still applies');
    assert.equal(
      ((await invalid.json()) as { error: { code: string } }).error.code,
      'unsupported_media_type',
    );
  });

  test('inside an existing Hono app, under a prefix', async () => {
    const shop = new Hono();
    shop.route('/smartpay', smartpay());
    assert.equal((await shop.request('/smartpay/api/config')).status, 200);
    assert.equal((await createThrough(async (p, i) => shop.request(p, i), '/smartpay')).status, 201);
  });

  test('in a plain Node http server, next to other routes', async () => {
    const handle = getRequestListener(smartpay().fetch);
    const server: Server = createServer((req, res) => {
      if (req.url?.startsWith('/api/')) return void handle(req, res);
      res.end('legacy shop');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    after(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    assert.equal(await (await fetch(`${base}/`)).text(), 'legacy shop');
    const created = await createThrough((p, i) => fetch(`${base}${p}`, i));
    assert.equal(created.status, 201);
    assert.ok(created.headers.get('x-request-id'));
  });
});
