/** The README's mounting recipes, run: inside an existing Hono app, in a plain Node http server, in Express 5. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { createSandbox } from '@smartpay/sandbox';
import express from 'express';
import { Hono } from 'hono';
import { createApp, createNodeListener, loadConfig, MAX_BODY_BYTES, silentLogger } from '../src/index.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { SERVER_KEY } from './helpers/harness.ts';

const sandbox = createSandbox();
after(() => sandbox.close());
const smartpay = () =>
  createApp({ ...loadConfig({}), clientSecretKey: SERVER_KEY, fetch: sandbox.fetch, logger: silentLogger });

/** Listens on a free port until the file ends; returns the base URL. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

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
    const handle = createNodeListener(smartpay());
    const base = await listen(
      createServer((req, res) => {
        if (req.url?.startsWith('/api/')) return void handle(req, res);
        res.end('legacy shop');
      }),
    );
    assert.equal(await (await fetch(`${base}/`)).text(), 'legacy shop');
    const created = await createThrough((p, i) => fetch(`${base}${p}`, i));
    assert.equal(created.status, 201);
    assert.ok(created.headers.get('x-request-id'));
  });

  test('in Express 5 under a prefix, after a global express.json() has read the body', async () => {
    const shop = express();
    shop.use(express.json());
    const seen: unknown[] = [];
    shop.post('/orders', (req, res) => {
      seen.push(req.body);
      res.json({ ok: true });
    });
    shop.use('/smartpay', createNodeListener(smartpay()));
    const base = await listen(createServer(shop));

    assert.equal((await fetch(`${base}/orders`, jsonPost({ item: 1 }))).status, 200);
    assert.deepEqual(seen, [{ item: 1 }], 'the shop’s own routes still get their parsed body');
    const created = await createThrough((p, i) => fetch(`${base}${p}`, i), '/smartpay');
    assert.equal(created.status, 201);
    const { tokenId, clientSecret } = (await created.json()) as { tokenId: string; clientSecret: string };
    const read = await fetch(`${base}/smartpay/api/network-tokens/${tokenId}`, {
      headers: { authorization: `Bearer ${clientSecret}` },
    });
    assert.equal(read.status, 200);

    const invalid = await fetch(`${base}/smartpay/api/network-tokens`, {
      ...jsonPost({ integrationFlow: 'payment-form' }),
      headers: { 'content-type': 'application/json', 'idempotency-key': `mount-${Math.random()}` },
    });
    assert.equal(invalid.status, 400, 'the kit still validates a body the parser read');
    assert.equal(((await invalid.json()) as { error: { code: string } }).error.code, 'validation_failed');

    const large = await fetch(`${base}/smartpay/api/network-tokens`, {
      ...jsonPost({ ...paymentFormBody(), padding: 'x'.repeat(MAX_BODY_BYTES) }),
      headers: { 'content-type': 'application/json', 'idempotency-key': `mount-${Math.random()}` },
    });
    assert.equal(large.status, 413, 'the kit’s body limit holds behind a more generous parser');
  });

  test('in Express 5 mounted before any body parser, the stream is read as usual', async () => {
    const shop = express();
    shop.use('/smartpay', createNodeListener(smartpay()));
    shop.use(express.json());
    const base = await listen(createServer(shop));
    assert.equal((await createThrough((p, i) => fetch(`${base}${p}`, i), '/smartpay')).status, 201);
  });
});

function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
