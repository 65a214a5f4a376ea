/** The merchant app against the sandbox on a real socket, through its own connection pool (undici). */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { type RunningSandbox, startSandbox } from '@smartpay/sandbox';
import { createApp, createJsonLogger, loadConfig } from '../src/index.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, SERVER_KEY } from './helpers/harness.ts';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(() => sandbox.close());

/** 300 ms to SmartPay by default, short enough for the timeout test; a test that needs answers passes more. */
function appAt(baseUrl: string, smartpayTimeoutMs = 300) {
  const logs: string[] = [];
  const app = createApp({
    ...loadConfig({ SMARTPAY_BASE_URL: baseUrl }),
    clientSecretKey: SERVER_KEY,
    logger: createJsonLogger({ sink: (l) => logs.push(l), level: 'debug' }),
    smartpayTimeoutMs,
    smartpayCreateTimeoutMs: smartpayTimeoutMs,
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    watch: { freshForMs: 10 },
  });
  let n = 0;
  const create = () =>
    app.request('/api/network-tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `socket-${Date.now()}-${++n}` },
      body: JSON.stringify(paymentFormBody()),
    });
  return { app, logs, create };
}

const control = (path: string, init?: RequestInit) => fetch(`${sandbox.url}${path}`, init);
const fault = (spec: object) =>
  control('/_sandbox/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
const creates = async () => {
  const { requests } = (await (await control('/_sandbox/requests')).json()) as {
    requests: { method: string; path: string }[];
  };
  return requests.filter((r) => r.method === 'POST' && r.path === '/network-tokens').length;
};

describe('over a socket', () => {
  test('create and read work through the connection pool', async () => {
    // 300 ms is too short for a real round trip on two cores shared with other test runs.
    const { app, create } = appAt(sandbox.url, 10_000);
    const created = await body<{ tokenId: string; clientSecret: string }>(await create());
    const read = await app.request(`/api/network-tokens/${created.tokenId}`, {
      headers: { authorization: `Bearer ${created.clientSecret}` },
    });
    assert.equal(read.status, 200);
    assert.equal((await body(read)).status, 'PENDING_PAYMENT_FORM');
  });

  test('a real connection reset during create: provider_outcome_unknown, not retried', async () => {
    const { create } = appAt(sandbox.url);
    const before = await creates();
    await fault({ method: 'POST', path: '/network-tokens', kind: 'reset' });
    const response = await create();
    assert.equal(response.status, 502);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_outcome_unknown');
    assert.equal(await creates(), before + 1);
  });

  test('a real reset after handling: the token exists upstream, the merchant says outcome unknown', async () => {
    const { create } = appAt(sandbox.url);
    await fault({ method: 'POST', path: '/network-tokens', kind: 'reset-after' });
    const response = await create();
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_outcome_unknown');
  });

  test('a real reset during a read is retried', async () => {
    const { app, create } = appAt(sandbox.url, 5_000); // a cold first create may take 300 ms here
    const created = await body<{ tokenId: string; clientSecret: string }>(await create());
    await new Promise((resolve) => setTimeout(resolve, 20)); // past freshForMs
    await fault({ method: 'GET', path: '/network-tokens/*', kind: 'reset', count: 2 });
    const read = await app.request(`/api/network-tokens/${created.tokenId}`, {
      headers: { authorization: `Bearer ${created.clientSecret}` },
    });
    assert.equal(read.status, 200);
  });

  test('a delay beyond the timeout: provider_outcome_unknown after timeoutMs', async () => {
    const { create } = appAt(sandbox.url);
    await fault({ method: 'POST', path: '/network-tokens', kind: 'delay', delayMs: 1_000 });
    const started = Date.now();
    const response = await create();
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_outcome_unknown');
    assert.ok(Date.now() - started < 900, `${Date.now() - started} ms`);
  });

  test('nothing listening: the create is retried (it never left), then 503', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { create, logs } = appAt(`http://127.0.0.1:${port}`);
    const response = await create();
    assert.equal(response.status, 503);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_unavailable');
    const attempts = logs.filter((l) => l.includes('"event":"smartpay.attempt"'));
    assert.equal(attempts.length, 3, 'two retries after refused connections');
  });
});
