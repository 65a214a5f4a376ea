import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { traceErrorBodySchema } from '@smartpay/contract';
import { createSandbox, type RunningSandbox, startSandbox } from '../src/index.ts';
import { apiHeaders, createToken, getToken, messagesOf, paymentFormRequest, post } from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());
afterEach(() => sandbox.fetch('/_sandbox/reset', { method: 'POST' }));

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

async function queueFault(fault: Record<string, unknown>, target: Fetch = sandbox.fetch) {
  const response = await target('/_sandbox/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

async function tokenCount() {
  const { tokens } = await (await sandbox.fetch('/_sandbox/tokens')).json();
  return tokens.length;
}

describe('fault kinds, in process', () => {
  test('status: the next matching request answers that status with the SmartPay body', async () => {
    await queueFault({ method: 'POST', path: '/network-tokens', kind: 'status', status: 500 });
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.equal(response.status, 500);
    assert.deepEqual(traceErrorBodySchema.parse(await response.json()).errors, [
      { message: 'Internal server error.' },
    ]);
  });

  test('status 400 answers a {message: [...]} body', async () => {
    await queueFault({ path: '/network-tokens', kind: 'status', status: 400 });
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.equal(response.status, 400);
    assert.equal((await messagesOf(response)).length, 1);
  });

  test('status 404 carries the not_found code', async () => {
    const { tokenId } = await createToken(sandbox);
    await queueFault({ method: 'GET', path: '/network-tokens/*', kind: 'status', status: 404 });
    const response = await getToken(sandbox, tokenId);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).errors[0].code, 'not_found');
  });

  test('a fault answers only `count` requests, then the sandbox is itself again', async () => {
    const { tokenId } = await createToken(sandbox);
    await queueFault({ method: 'GET', path: '/network-tokens/*', kind: 'status', status: 503, count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getToken(sandbox, tokenId)).status);
    assert.deepEqual(statuses, [503, 503, 200]);
  });

  test('a fault only hits requests with its method and path', async () => {
    await queueFault({ method: 'GET', path: '/network-tokens/*', kind: 'status', status: 500 });
    const created = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.equal(created.status, 200, 'a POST does not match a GET fault');
    const { tokenId } = await created.json();
    assert.equal((await sandbox.fetch('/healthz')).status, 200, 'another path does not match');
    assert.equal((await getToken(sandbox, tokenId)).status, 500);
  });

  test('delay: the request waits delayMs, then is handled normally', async () => {
    await queueFault({ path: '/network-tokens', kind: 'delay', delayMs: 150 });
    const started = performance.now();
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.ok(performance.now() - started >= 140, 'answered too soon');
    assert.equal(response.status, 200);
  });

  test('delay: a client that gives up first sees its own abort, as with a real fetch', async () => {
    await queueFault({ path: '/network-tokens', kind: 'delay', delayMs: 2000 });
    await assert.rejects(
      sandbox.fetch('/network-tokens', {
        method: 'POST',
        headers: apiHeaders(),
        body: JSON.stringify(paymentFormRequest()),
        signal: AbortSignal.timeout(50),
      }),
      { name: 'TimeoutError' },
    );
  });

  test('reset: sandbox.fetch fails like undici, with cause ECONNRESET, and nothing is created', async () => {
    await queueFault({ method: 'POST', path: '/network-tokens', kind: 'reset' });
    await assert.rejects(post(sandbox, '/network-tokens', paymentFormRequest()), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal(error.message, 'fetch failed');
      assert.equal((error.cause as { code?: string }).code, 'ECONNRESET');
      return true;
    });
    const { requests } = await (await sandbox.fetch('/_sandbox/requests')).json();
    assert.deepEqual(
      requests.map((r: { status: number | null; fault?: string }) => [r.status, r.fault]),
      [[null, 'reset']],
    );
    assert.equal(await tokenCount(), 0);
  });

  test('reset: app.request() rejects too, instead of answering', async () => {
    await queueFault({ path: '/healthz', kind: 'reset' });
    await assert.rejects(async () => sandbox.app.request('/healthz'), { code: 'ECONNRESET' });
  });

  test('reset-after: the request is handled (the token exists), then the connection drops', async () => {
    await queueFault({ method: 'POST', path: '/network-tokens', kind: 'reset-after' });
    await assert.rejects(post(sandbox, '/network-tokens', paymentFormRequest()), { message: 'fetch failed' });
    assert.equal(await tokenCount(), 1);
  });

  test('malformed: answers 200 with JSON cut short', async () => {
    await queueFault({ method: 'POST', path: '/network-tokens', kind: 'malformed' });
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const text = await response.text();
    assert.match(text, /^\{"tokenId":"/);
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  test('rate-limit: 429 with Retry-After and a traceId body', async () => {
    await queueFault({ path: '/network-tokens', kind: 'rate-limit', retryAfter: 7 });
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    traceErrorBodySchema.parse(await response.json());
  });

  test('unavailable: 503 with Retry-After 1 by default', async () => {
    await queueFault({ path: '/network-tokens', kind: 'unavailable' });
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.deepEqual(traceErrorBodySchema.parse(await response.json()).errors, [
      { message: 'Service unavailable.' },
    ]);
  });

  test('any kind can wait delayMs first', async () => {
    await queueFault({ path: '/network-tokens', kind: 'unavailable', delayMs: 120 });
    const started = performance.now();
    const response = await post(sandbox, '/network-tokens', paymentFormRequest());
    assert.ok(performance.now() - started >= 110);
    assert.equal(response.status, 503);
  });

  test('CORS preflights are never faulted', async () => {
    await queueFault({ path: '/forwarding/tokenize', kind: 'status', status: 500 });
    const preflight = await sandbox.fetch('/forwarding/tokenize', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
  });
});

describe('faults over a real socket', () => {
  let running: RunningSandbox;
  before(async () => {
    running = await startSandbox({ port: 0 });
  });
  after(() => running.close());
  const remote: Fetch = (path, init) => fetch(new URL(path, running.url), init);

  test('reset: the client sees ECONNRESET and the sandbox keeps serving', async () => {
    await queueFault({ method: 'POST', path: '/network-tokens', kind: 'reset' }, remote);
    await assert.rejects(
      remote('/network-tokens', {
        method: 'POST',
        headers: apiHeaders(),
        body: JSON.stringify(paymentFormRequest()),
      }),
      (error: TypeError) => (error.cause as { code?: string }).code === 'ECONNRESET',
    );
    const response = await remote('/network-tokens', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify(paymentFormRequest()),
    });
    assert.equal(response.status, 200);
  });

  test('reset-after: the token is created, the answer never arrives', async () => {
    await queueFault({ method: 'POST', path: '/network-tokens', kind: 'reset-after' }, remote);
    await assert.rejects(
      remote('/network-tokens', {
        method: 'POST',
        headers: apiHeaders(),
        body: JSON.stringify(paymentFormRequest()),
      }),
      (error: TypeError) => (error.cause as { code?: string }).code === 'ECONNRESET',
    );
    const { requests } = await (await remote('/_sandbox/requests')).json();
    assert.deepEqual(requests.at(-1), {
      ...requests.at(-1),
      method: 'POST',
      status: null,
      fault: 'reset-after',
    });
  });

  test('malformed and rate-limit work over the socket too', async () => {
    await queueFault({ path: '/healthz', kind: 'malformed' }, remote);
    await queueFault({ path: '/healthz', kind: 'rate-limit', retryAfter: 3 }, remote);
    const cut = await remote('/healthz');
    assert.equal(cut.status, 200);
    await assert.rejects(cut.json(), SyntaxError);
    const limited = await remote('/healthz');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
  });
});

describe('queueing faults', () => {
  test('POST /_sandbox/faults answers 201 with the fault and its defaults', async () => {
    const fault = await queueFault({ path: '/network-tokens', kind: 'rate-limit' });
    assert.match(fault.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...fault, id: 'x' },
      {
        id: 'x',
        method: '*',
        path: '/network-tokens',
        count: 1,
        kind: 'rate-limit',
        retryAfter: 1,
        remaining: 1,
      },
    );
  });

  test('GET /_sandbox/faults lists pending faults with what remains; DELETE clears them', async () => {
    await queueFault({ path: '/healthz', kind: 'status', status: 502, count: 3 });
    await sandbox.fetch('/healthz');
    const { faults } = await (await sandbox.fetch('/_sandbox/faults')).json();
    assert.deepEqual(
      faults.map((f: { remaining: number }) => f.remaining),
      [2],
    );
    assert.equal((await sandbox.fetch('/_sandbox/faults', { method: 'DELETE' })).status, 204);
    assert.deepEqual((await (await sandbox.fetch('/_sandbox/faults')).json()).faults, []);
    assert.equal((await sandbox.fetch('/healthz')).status, 200);
  });

  test('an invalid fault answers 400 naming every problem', async () => {
    const response = await sandbox.fetch('/_sandbox/faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        method: 'PUT',
        path: 'network-tokens',
        kind: 'explode',
        count: 0,
        colour: 'red',
      }),
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await messagesOf(response), [
      'colour is not allowed',
      'method must be one of: GET, POST, *',
      'path must be a path starting with /',
      'count must be a whole number from 1 to 1000',
      'kind must be one of: status, delay, reset, reset-after, malformed, rate-limit, unavailable',
    ]);
  });

  test('kind status needs a 4xx or 5xx status, kind delay needs delayMs', async () => {
    for (const [fault, message] of [
      [{ path: '/x', kind: 'status', status: 200 }, 'status must be a whole number from 400 to 599'],
      [{ path: '/x', kind: 'delay' }, 'delayMs must be a whole number of milliseconds from 0 to 120000'],
      [
        { path: '/x', kind: 'reset', retryAfter: 2 },
        'retryAfter is only for kinds rate-limit and unavailable',
      ],
    ] as const) {
      const response = await sandbox.fetch('/_sandbox/faults', {
        method: 'POST',
        body: JSON.stringify(fault),
      });
      assert.deepEqual(await messagesOf(response), [message]);
    }
  });

  test('the control API itself cannot be faulted', async () => {
    const response = await sandbox.fetch('/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/_sandbox/requests', kind: 'reset' }),
    });
    assert.deepEqual(await messagesOf(response), ['path must not be a control API path']);
  });
});
