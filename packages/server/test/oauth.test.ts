/**
 * Item 6 of issue 11: OAuth2 client credentials against the sandbox's token endpoint. The token is
 * cached until shortly before `expires_in`, refreshed by one request however many calls need it,
 * and a 401 triggers one refresh and one retry. Neither the secret nor a token is ever logged.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { DEFAULT_MERCHANT } from '@smartpay/sandbox';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness } from './helpers/harness.ts';

const OAUTH = {
  tokenUrl: 'http://localhost:4010/oauth2/token',
  clientId: DEFAULT_MERCHANT.clientId,
  clientSecret: DEFAULT_MERCHANT.clientSecret,
};

interface Seen {
  path: string;
  authorization: string | null;
  status: number;
}

/** A harness whose every upstream request (path, Authorization, status) is recorded. */
function oauthHarness(
  options: { ttlSeconds?: number; now?: () => number; secret?: string; refuseApi?: boolean } = {},
) {
  const seen: Seen[] = [];
  const gate = apiGate();
  const harness = startHarness(
    {
      oauth: { ...OAUTH, clientSecret: options.secret ?? OAUTH.clientSecret },
      ...(options.now ? { now: options.now } : {}),
    },
    {
      sandbox: {
        ...(options.ttlSeconds ? { accessTokenTtlSeconds: options.ttlSeconds } : {}),
        ...(options.now ? { now: options.now } : {}),
      },
      wrapFetch: (sandboxFetch) =>
        (async (input: string | URL | Request, init?: RequestInit) => {
          const request = new Request(input, init);
          const path = new URL(request.url).pathname;
          if (options.refuseApi && path.startsWith('/network-tokens')) {
            seen.push({ path, authorization: request.headers.get('authorization'), status: 401 });
            return Response.json(
              { traceId: 'x', errors: [{ message: 'no', code: 'unauthorized' }] },
              { status: 401 },
            );
          }
          if (path.startsWith('/network-tokens')) await gate.pass();
          const response = await sandboxFetch(request);
          seen.push({ path, authorization: request.headers.get('authorization'), status: response.status });
          return response;
        }) as typeof fetch,
    },
  );
  after(() => harness.close());
  const tokenRequests = () => seen.filter((s) => s.path === '/oauth2/token');
  const apiRequests = () => seen.filter((s) => s.path.startsWith('/network-tokens'));
  return { harness, seen, tokenRequests, apiRequests, holdApiCalls: gate.hold };
}

/** The longest a held call waits for the others: a test that fails must not hang. */
const GATE_TIMEOUT_MS = 5_000;

/**
 * Holds SmartPay API calls until `count` of them are in flight, so "calls at once" means at once
 * at SmartPay: with the sandbox in process, the first create's whole round trip (401, refresh,
 * retry) can otherwise finish before the other creates' own awaits (e.g. the WebCrypto signing of
 * their session cookies) have let them reach SmartPay.
 */
function apiGate() {
  let waiting = 0;
  let wanted = 0;
  let open: (() => void) | undefined;
  let opened: Promise<void> = Promise.resolve();
  return {
    hold(count: number) {
      wanted = count;
      waiting = 0;
      opened = new Promise<void>((resolve) => {
        open = resolve;
        setTimeout(resolve, GATE_TIMEOUT_MS).unref();
      });
    },
    async pass() {
      if (++waiting === wanted) open?.();
      await opened;
    },
  };
}

describe('OAuth2 client credentials', () => {
  test('every call sends a Bearer token, never Basic; one token serves many calls', async () => {
    const { harness, tokenRequests, apiRequests } = oauthHarness();
    for (let i = 0; i < 5; i++) assert.equal((await harness.create(paymentFormBody())).status, 201);
    assert.equal(tokenRequests().length, 1);
    assert.equal(apiRequests().length, 5);
    for (const request of apiRequests()) assert.match(request.authorization ?? '', /^Bearer sat_/);
  });

  test('20 creates at once share one token request', async () => {
    const { harness, tokenRequests } = oauthHarness();
    const answers = await Promise.all(Array.from({ length: 20 }, () => harness.create(paymentFormBody())));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    assert.equal(tokenRequests().length, 1);
  });

  test('the token is renewed shortly before expires_in, so SmartPay never sees an expired one', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const { harness, tokenRequests, apiRequests } = oauthHarness({ ttlSeconds: 600, now: () => clock });
    await harness.create(paymentFormBody());
    clock += 539_000; // 61 s before expiry: still the cached token
    await harness.create(paymentFormBody());
    assert.equal(tokenRequests().length, 1);
    clock += 2_000; // 59 s before expiry: renewed first
    await harness.create(paymentFormBody());
    assert.equal(tokenRequests().length, 2);
    assert.deepEqual(
      apiRequests().map((r) => r.status),
      [200, 200, 200],
    );
    const [first, , third] = apiRequests();
    assert.notEqual(first?.authorization, third?.authorization);
  });

  test('a 401 (the token died early) triggers one refresh and one retry', async () => {
    const { harness, tokenRequests, apiRequests } = oauthHarness();
    await harness.create(paymentFormBody());
    await harness.sandbox.fetch('/_sandbox/oauth/expire', { method: 'POST' });
    const response = await harness.create(paymentFormBody());
    assert.equal(response.status, 201);
    assert.equal(tokenRequests().length, 2);
    assert.deepEqual(
      apiRequests().map((r) => r.status),
      [200, 401, 200],
    );
  });

  test('10 calls that all meet the 401 share one refresh', async () => {
    const { harness, tokenRequests, apiRequests, holdApiCalls } = oauthHarness();
    await harness.create(paymentFormBody());
    await harness.sandbox.fetch('/_sandbox/oauth/expire', { method: 'POST' });
    holdApiCalls(10);
    const answers = await Promise.all(Array.from({ length: 10 }, () => harness.create(paymentFormBody())));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    assert.equal(tokenRequests().length, 2);
    assert.equal(apiRequests().filter((r) => r.status === 401).length, 10);
  });

  test('a 401 after the refresh is reported, never looped', async () => {
    const { harness, tokenRequests, apiRequests } = oauthHarness({ refuseApi: true });
    const response = await harness.create(paymentFormBody());
    assert.equal(response.status, 502);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_misconfigured');
    assert.equal(tokenRequests().length, 2);
    assert.equal(apiRequests().length, 2);
  });

  test('refused client credentials: provider_misconfigured, and SmartPay`s API is never called', async () => {
    const { harness, apiRequests } = oauthHarness({ secret: 'wrong-secret' });
    const response = await harness.create(paymentFormBody());
    assert.equal(response.status, 502);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_misconfigured');
    assert.equal(apiRequests().length, 0);
  });

  test('a token endpoint that is down: provider_unavailable, and the same key may try again', async () => {
    const { harness, tokenRequests, apiRequests } = oauthHarness();
    await harness.fault({ method: 'POST', path: '/oauth2/token', kind: 'unavailable', count: 3 });
    const key = `oauth-down-${Date.now()}`;
    const response = await harness.create(paymentFormBody(), { key });
    assert.equal(response.status, 503);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_unavailable');
    assert.equal(tokenRequests().length, 3, 'retried as the policy allows: nothing was sent to SmartPay');
    assert.equal(apiRequests().length, 0);
    assert.equal((await harness.create(paymentFormBody(), { key })).status, 201);
  });

  test('neither the client secret nor an access token reaches a log line', async () => {
    const { harness, seen } = oauthHarness();
    await harness.create(paymentFormBody());
    await harness.sandbox.fetch('/_sandbox/oauth/expire', { method: 'POST' });
    await harness.create(paymentFormBody());
    const logs = harness.logs.join('\n');
    assert.doesNotMatch(logs, new RegExp(OAUTH.clientSecret));
    for (const { authorization } of seen) {
      const token = authorization?.replace(/^Bearer /, '');
      if (token) assert.ok(!logs.includes(token));
    }
    assert.match(logs, /smartpay\.token_refreshed/);
  });
});
