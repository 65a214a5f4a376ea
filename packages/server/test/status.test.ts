import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type MerchantErrorBody, publicTokenSchema } from '@smartpay/contract';
import { createClientSecrets } from '../src/tokens/client-secret.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, type FaultSpec, SERVER_KEY, startHarness } from './helpers/harness.ts';

const harness = startHarness({ smartpayTimeoutMs: 100 });
after(() => harness.close());

async function newToken() {
  const created = await body<{ tokenId: string; clientSecret: string }>(
    await harness.create(paymentFormBody()),
  );
  return created;
}

const gets = async () => (await harness.upstreamRequests()).filter((r) => r.method === 'GET');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/network-tokens/{id}', () => {
  test('the public view only: id, status, time; card details once ACTIVE', async () => {
    const { tokenId, clientSecret } = await newToken();
    const pending = await harness.read(tokenId, clientSecret);
    assert.equal(pending.status, 200);
    const view = await body(pending);
    assert.deepEqual(Object.keys(view).sort(), ['status', 'tokenId', 'updatedAt']);
    assert.equal(view.status, 'PENDING_PAYMENT_FORM');

    await harness.forceStatus(tokenId, 'ACTIVE');
    await pause(15); // past freshForMs
    const active = await body(await harness.read(tokenId, clientSecret));
    const parsed = publicTokenSchema.strict().parse(active);
    assert.equal(parsed.status, 'ACTIVE');
    assert.deepEqual(Object.keys(parsed.card ?? {}).sort(), ['brand', 'expiryMonth', 'expiryYear', 'last4']);
    const raw = JSON.stringify(active);
    const stored = await harness.store.getToken(tokenId);
    assert.ok(stored?.token.networkToken?.tokenNumber);
    assert.ok(!raw.includes(stored.token.networkToken.tokenNumber));
    assert.ok(!raw.includes(stored.token.authorizationId ?? '??'));
    assert.doesNotMatch(raw, /tokenNumber|authorizationId|externalMerchantId|networkToken/);
  });

  test('a final status is served from the store without asking SmartPay again', async () => {
    const { tokenId, clientSecret } = await newToken();
    await harness.forceStatus(tokenId, 'ERROR');
    await pause(15);
    assert.equal((await body(await harness.read(tokenId, clientSecret))).status, 'ERROR');
    await harness.clearUpstreamRequests();
    for (let i = 0; i < 5; i++) await harness.read(tokenId, clientSecret);
    assert.equal((await gets()).length, 0);
  });

  test('1000 tabs reading at once cost one SmartPay read', async () => {
    const { tokenId, clientSecret } = await newToken();
    await pause(15);
    await harness.clearUpstreamRequests();
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => harness.read(tokenId, clientSecret)),
    );
    assert.ok(answers.every((r) => r.status === 200));
    assert.equal((await gets()).length, 1);
  });
});

describe('the client secret', () => {
  test('missing, malformed, wrong, or another token’s: the same 401 whether the token exists or not', async () => {
    const { tokenId, clientSecret } = await newToken();
    const other = await newToken();
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const attempts: [string, string | undefined][] = [
      [tokenId, undefined],
      [tokenId, ''],
      [tokenId, 'ntcs_guess'],
      [tokenId, other.clientSecret],
      [tokenId, clientSecret.slice(0, -1)],
      [tokenId, `${clientSecret}x`],
      [unknownId, undefined],
      [unknownId, clientSecret],
      [unknownId, 'ntcs_guess'],
    ];
    await harness.clearUpstreamRequests();
    const shapes = new Set<string>();
    for (const [id, secret] of attempts) {
      for (const path of ['', '/events']) {
        const response = await harness.read(id, secret, path);
        assert.equal(response.status, 401, `${id} ${secret} ${path}`);
        const { requestId, ...rest } = (await body<MerchantErrorBody>(response)).error;
        assert.equal(requestId, response.headers.get('x-request-id'));
        shapes.add(JSON.stringify(rest));
      }
    }
    assert.equal(shapes.size, 1, [...shapes].join('\n'));
    assert.equal([...shapes][0]?.includes('invalid_client_secret'), true);
    assert.equal((await gets()).length, 0, 'no lookup happens before the secret is checked');
  });

  test('other schemes and the secret in a query string do not count', async () => {
    const { tokenId, clientSecret } = await newToken();
    for (const authorization of [`Basic ${clientSecret}`, clientSecret, `Bearer  `]) {
      const response = await harness.app.request(`/api/network-tokens/${tokenId}`, {
        headers: { authorization },
      });
      assert.equal(response.status, 401, authorization);
    }
    const query = await harness.app.request(`/api/network-tokens/${tokenId}?clientSecret=${clientSecret}`);
    assert.equal(query.status, 401);
    const lower = await harness.app.request(`/api/network-tokens/${tokenId}`, {
      headers: { authorization: `bearer ${clientSecret}` },
    });
    assert.equal(lower.status, 200);
  });

  test('a valid secret for a token SmartPay does not know gives 404 (it can only come from this server)', async () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const secret = createClientSecrets(SERVER_KEY).issue(unknownId);
    const response = await harness.read(unknownId, secret);
    assert.equal(response.status, 404);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'not_found');
  });

  test('secrets survive a restart with the same key, and tokens are read through from SmartPay', async () => {
    const { tokenId, clientSecret } = await newToken();
    const restarted = startHarness({ fetch: harness.sandbox.fetch });
    after(() => restarted.close());
    const response = await restarted.read(tokenId, clientSecret);
    assert.equal(response.status, 200);
    assert.equal((await body(response)).tokenId, tokenId);
  });
});

describe('every sandbox fault during a status read', () => {
  const read = async (fault: Omit<FaultSpec, 'path' | 'method'>) => {
    const { tokenId, clientSecret } = await newToken();
    await pause(15);
    await harness.clearUpstreamRequests();
    await harness.fault({ method: 'GET', path: '/network-tokens/*', ...fault });
    const response = await harness.read(tokenId, clientSecret);
    return { response, attempts: (await gets()).length };
  };

  const recovered: [string, Omit<FaultSpec, 'path' | 'method'>][] = [
    ['500 twice', { kind: 'status', status: 500, count: 2 }],
    ['a delay beyond the timeout', { kind: 'delay', delayMs: 300 }],
    ['a reset', { kind: 'reset' }],
    ['a reset after handling', { kind: 'reset-after' }],
    ['a truncated answer', { kind: 'malformed' }],
    ['a rate limit with Retry-After: 1', { kind: 'rate-limit', retryAfter: 1 }],
    ['unavailable twice', { kind: 'unavailable', retryAfter: 0, count: 2 }],
  ];
  for (const [what, fault] of recovered) {
    test(`${what}: retried, then 200`, async () => {
      const { response } = await read(fault);
      assert.equal(response.status, 200);
      assert.equal((await body(response)).status, 'PENDING_PAYMENT_FORM');
    });
  }

  const failed: [string, Omit<FaultSpec, 'path' | 'method'>, number, string, number][] = [
    ['500 three times', { kind: 'status', status: 500, count: 3 }, 503, 'provider_unavailable', 3],
    ['503 three times', { kind: 'unavailable', retryAfter: 0, count: 3 }, 503, 'provider_unavailable', 3],
    ['a Retry-After beyond the cap', { kind: 'rate-limit', retryAfter: 60 }, 503, 'provider_unavailable', 1],
    ['three timeouts', { kind: 'delay', delayMs: 300, count: 3 }, 504, 'provider_timeout', 3],
    ['404', { kind: 'status', status: 404 }, 404, 'not_found', 1],
    ['401', { kind: 'status', status: 401 }, 502, 'provider_misconfigured', 1],
    ['403', { kind: 'status', status: 403 }, 502, 'provider_misconfigured', 1],
    ['400', { kind: 'status', status: 400 }, 502, 'provider_rejected', 1],
  ];
  for (const [what, fault, status, code, attempts] of failed) {
    test(`${what}: ${status} ${code} after ${attempts} attempt(s)`, async () => {
      const result = await read(fault);
      assert.equal(result.response.status, status);
      assert.equal((await body<MerchantErrorBody>(result.response)).error.code, code);
      if (fault.kind !== 'delay') assert.equal(result.attempts, attempts);
    });
  }

  test('a rate limit keeps SmartPay’s Retry-After for the browser', async () => {
    const { response } = await read({ kind: 'rate-limit', retryAfter: 60 });
    assert.equal(response.headers.get('retry-after'), '60');
  });
});
