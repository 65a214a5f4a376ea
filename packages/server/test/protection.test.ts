import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiCors } from '../src/middleware/cors.ts';
import {
  API_SECURE_HEADERS_OPTIONS,
  API_SECURITY_HEADERS,
  apiSecurityHeaders,
} from '../src/middleware/security-headers.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness } from './helpers/harness.ts';

const harness = startHarness({
  allowedOrigins: ['https://shop.example'],
  merchantOrigin: 'https://merchant.example',
});
after(() => harness.close());

describe('CORS', () => {
  const origin = async (value: string, path = '/api/config') =>
    (await harness.app.request(path, { headers: { origin: value } })).headers.get(
      'access-control-allow-origin',
    );

  test('the allowlist, MERCHANT_ORIGIN and the same origin may read answers; others may not', async () => {
    assert.equal(await origin('https://shop.example'), 'https://shop.example');
    assert.equal(await origin('https://merchant.example'), 'https://merchant.example');
    assert.equal(await origin('http://localhost'), 'http://localhost'); // app.request's own origin
    assert.equal(await origin('https://evil.example'), null);
    assert.equal(await origin('https://shop.example.evil.example'), null);
    assert.equal(await origin('null'), null);
  });

  test('a preflight for a JSON POST with an Idempotency-Key is answered for allowed origins only', async () => {
    const preflight = (value: string) =>
      harness.app.request('/api/network-tokens', {
        method: 'OPTIONS',
        headers: {
          origin: value,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,idempotency-key',
        },
      });
    const allowed = await preflight('https://shop.example');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.ok(allowed.headers.get('x-request-id'));
    const refused = await preflight('https://evil.example');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('errors carry CORS headers too, so the widget can read them', async () => {
    const response = await harness.create('nope', { headers: { origin: 'https://shop.example' } });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });
});

describe('headers on every API answer', () => {
  test('a strict CSP, nosniff, no framing, no caching', async () => {
    for (const response of [
      await harness.app.request('/api/config'),
      await harness.create('{'),
      await harness.app.request('/api/nope'),
      await harness.app.request('/healthz'),
    ]) {
      assert.equal(
        response.headers.get('content-security-policy'),
        "default-src 'none'; frame-ancestors 'none'",
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  test('exactly the headers of Hono’s secureHeaders with the kit’s options, and no-store', async () => {
    const reference = new Hono().use(secureHeaders(API_SECURE_HEADERS_OPTIONS)).get('/', (c) => c.json({}));
    const expected = new Map((await reference.request('/')).headers);
    expected.delete('content-type');
    expected.set('cache-control', 'no-store');
    assert.deepEqual(
      new Map(API_SECURITY_HEADERS.map(([name, value]) => [name.toLowerCase(), value])),
      expected,
    );
    const answer = await harness.app.request('/api/config');
    for (const [name, value] of expected) assert.equal(answer.headers.get(name), value, name);
  });

  test('an answer a handler builds as its own Response gets the CORS and security headers too', async () => {
    const app = new Hono()
      .use(apiCors([], 'https://merchant.example'), apiSecurityHeaders())
      .get('/own', () => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    const answer = await app.request('/own', { headers: { origin: 'https://merchant.example' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), 'https://merchant.example');
    assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(answer.headers.get('vary'), 'Origin');
    for (const [name, value] of API_SECURITY_HEADERS) assert.equal(answer.headers.get(name), value, name);
  });

  test('X-Request-Id on every response and in every log line of the request', async () => {
    const responses = [
      await harness.app.request('/healthz'),
      await harness.app.request('/api/config'),
      await harness.app.request('/nowhere'),
      await harness.create(paymentFormBody()),
      await harness.create('{}', { headers: { 'content-type': 'text/plain' } }),
      await harness.create({ pad: 'x'.repeat(40_000) }),
      await harness.read('x', 'y'),
    ];
    for (const [index, response] of responses.entries()) {
      const id = response.headers.get('x-request-id');
      assert.match(id ?? '', /^[0-9a-f-]{36}$/);
      const lines = harness.logs.filter((l) => l.includes(id!));
      assert.ok(
        lines.some((l) => JSON.parse(l).event === 'http.request'),
        `an access log line for answer #${index} (${id})`,
      );
    }
  });

  test('every log line written while handling a create carries its request id', async () => {
    const from = harness.logs.length;
    const response = await harness.create(paymentFormBody());
    const id = response.headers.get('x-request-id');
    const lines = harness.logs.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['smartpay.attempt', 'token.created', 'http.request'],
    );
    for (const line of lines) assert.equal(line.requestId, id, String(line.event));
  });

  test('a well-formed incoming X-Request-Id is kept; anything else is replaced', async () => {
    // Hono's rule: up to 64 word characters, '-' or '='; any length from 1 (ours required 8).
    for (const incoming of ['edge-1234abcd', 'short', 'trace=abc', 'x'.repeat(64)]) {
      const kept = await harness.app.request('/healthz', { headers: { 'x-request-id': incoming } });
      assert.equal(kept.headers.get('x-request-id'), incoming);
    }
    for (const incoming of ['bad id "}', 'x'.repeat(65), '../../etc', 'a\u00e9b', 'id;evil']) {
      const replaced = await harness.app.request('/healthz', { headers: { 'x-request-id': incoming } });
      assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, incoming);
    }
  });

  test('one JSON log line per request: method, path, status, duration', async () => {
    const response = await harness.app.request('/api/config');
    const id = response.headers.get('x-request-id');
    const lines = harness.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.requestId === id);
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line?.event, 'http.request');
    assert.equal(line?.method, 'GET');
    assert.equal(line?.path, '/api/config');
    assert.equal(line?.status, 200);
    assert.equal(typeof line?.durationMs, 'number');
    assert.equal(line?.level, 'info');
  });
});

describe('rate limit on create', () => {
  test('per client: past the limit 429 with Retry-After; others are unaffected; it refills', async () => {
    let now = 1_000_000;
    let client = 'a';
    const limited = startHarness({
      rateLimit: { limit: 3, windowMs: 60_000 },
      clientKey: () => client,
      now: () => now,
    });
    after(() => limited.close());
    for (let i = 0; i < 3; i++) assert.equal((await limited.create(paymentFormBody())).status, 201);
    const refused = await limited.create(paymentFormBody());
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '20');
    const error = (await body<MerchantErrorBody>(refused)).error;
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(limited.upstreamCalls, 3);

    client = 'b';
    assert.equal((await limited.create(paymentFormBody())).status, 201);
    client = 'a';
    now += 20_000;
    assert.equal((await limited.create(paymentFormBody())).status, 201);
    assert.equal((await limited.create(paymentFormBody())).status, 429);
  });

  test('reads are not limited by it', async () => {
    const limited = startHarness({ rateLimit: { limit: 1, windowMs: 60_000 } });
    after(() => limited.close());
    const { tokenId, clientSecret } = await body<{ tokenId: string; clientSecret: string }>(
      await limited.create(paymentFormBody()),
    );
    for (let i = 0; i < 5; i++) assert.equal((await limited.read(tokenId, clientSecret)).status, 200);
  });
});
