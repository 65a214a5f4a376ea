import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, mock, test } from 'node:test';
import type { TokenRequest } from '@smartpay/contract';
import {
  createSmartPayClient,
  SmartPayApiError,
  SmartPayAuthenticationError,
  SmartPayConnectionError,
  SmartPayError,
  SmartPayInvalidRequestError,
  SmartPayMalformedResponseError,
  SmartPayNotFoundError,
  SmartPayPermissionError,
  SmartPayRateLimitError,
  SmartPayTimeoutError,
  SmartPayUnavailableError,
} from '../src/index.ts';
import { parseRetryAfter, retryDelay } from '../src/smartpay/retry.ts';
import { json, netError, type Step, scriptedFetch, TOKEN } from './helpers/scripted-fetch.ts';

const REQUEST: TokenRequest = {
  integrationFlow: 'payment-form',
  accountReferenceId: '751a0ecc-f672-402b-b989-696cec677f80',
  accountCategory: 'EWalletUser',
  currencyCode: 'EUR',
  billingAddress: { addressLine1: 'Main St', postCode: '10115', city: 'Berlin', countryCode: 'DEU' },
  consumer: { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' },
};

/** Where and as whom every client of these tests calls. */
const ACCOUNT = {
  baseUrl: 'https://smartpay.example/',
  merchantKey: 'mk',
  authenticationKey: 'ak',
  origin: 'https://shop.example',
};

function client(steps: Step[], options: { timeoutMs?: number } = {}) {
  const script = scriptedFetch(steps);
  const sleeps: number[] = [];
  const smartpay = createSmartPayClient({
    ...ACCOUNT,
    fetch: script.fetch,
    timeoutMs: options.timeoutMs ?? 200,
    createTimeoutMs: options.timeoutMs ?? 200,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { smartpay, calls: script.calls, sleeps };
}

describe('requests', () => {
  test('create sends the body with Basic auth and every header the API page requires', async () => {
    const { smartpay, calls } = client([json(200, TOKEN)]);
    const token = await smartpay.createToken(REQUEST);
    assert.equal(token.tokenId, TOKEN.tokenId);
    const [call] = calls;
    assert.ok(call);
    assert.equal(call.method, 'POST');
    assert.equal(call.url, 'https://smartpay.example/network-tokens');
    assert.equal(call.headers.get('authorization'), `Basic ${Buffer.from('mk:ak').toString('base64')}`);
    assert.equal(call.headers.get('content-type'), 'application/json');
    assert.equal(call.headers.get('accept-language'), 'en-US');
    assert.equal(call.headers.get('origin'), 'https://shop.example');
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(
      call.headers.get('user-agent'),
      `smartpay-merchant-server/${version} node/${process.versions.node}`,
    );
    assert.deepEqual(await call.json(), REQUEST);
  });

  test('get escapes the token id into the path', async () => {
    const { smartpay, calls } = client([json(200, TOKEN)]);
    await smartpay.getToken('a/../b?c');
    assert.equal(calls[0]?.url, 'https://smartpay.example/network-tokens/a%2F..%2Fb%3Fc');
  });

  test('unknown fields of a token are dropped; any 2xx is accepted', async () => {
    const { smartpay } = client([json(201, { ...TOKEN, surprise: 'x' })]);
    const token = await smartpay.getToken(TOKEN.tokenId);
    assert.equal('surprise' in token, false);
  });
});

describe('reading answers liberally', () => {
  const ODD_ACTIVE = {
    ...TOKEN,
    status: 'ACTIVE',
    createdAt: '2023-03-21T13:57:03.138000000+00:00',
    networkToken: { tokenNumber: '52219811111111110009', tokenExpiryMonth: '01', tokenExpiryYear: '2027' },
    tokenizedCardData: {
      brand: 'MASTERCARD_DEBIT',
      last4Digits: '4444',
      expiryMonth: '01',
      expiryYear: '27',
    },
    somethingNew: { nested: true },
  };

  test('MASTERCARD_DEBIT, a 20-digit token number, a longer timestamp and unknown fields are read, not refused', async () => {
    const { smartpay } = client([json(200, ODD_ACTIVE)]);
    const token = await smartpay.getToken(TOKEN.tokenId);
    assert.equal(token.status, 'ACTIVE');
    assert.equal(token.tokenizedCardData?.brand, 'MASTERCARD_DEBIT');
    assert.equal(token.networkToken?.tokenNumber, ODD_ACTIVE.networkToken.tokenNumber);
  });

  test('an unknown status is passed on (and is not final)', async () => {
    const { smartpay } = client([json(200, { ...TOKEN, status: 'SUSPENDED' })]);
    assert.equal((await smartpay.getToken(TOKEN.tokenId)).status, 'SUSPENDED');
  });

  test('what looked odd is reported once per kind, not on every read, and never with the token number', async () => {
    const oddities: Record<string, unknown>[] = [];
    const script = scriptedFetch(Array.from({ length: 5 }, () => json(200, ODD_ACTIVE)));
    const smartpay = createSmartPayClient({
      ...ACCOUNT,
      fetch: script.fetch,
      onOddAnswer: (oddity) => oddities.push({ ...oddity }),
    });
    for (let i = 0; i < 5; i++) await smartpay.getToken(TOKEN.tokenId);
    const seen = oddities.map((o) => `${o.path}: ${o.problem}`).sort();
    assert.deepEqual(seen, [
      ': unrecognized_keys',
      'createdAt: too_big',
      'networkToken.tokenNumber: too_big',
      'tokenizedCardData.brand: too_big',
    ]);
    assert.equal(oddities.find((o) => o.path === 'tokenizedCardData.brand')?.value, 'MASTERCARD_DEBIT');
    assert.doesNotMatch(JSON.stringify(oddities), /52219811111111110009/);
    assert.match(JSON.stringify(oddities), /somethingNew/, 'unknown field names are told');
  });

  test('only what the server passes on must be there: id, status and the two timestamps', async () => {
    const { tokenId, status, createdAt, updatedAt } = TOKEN;
    const bare = { tokenId, status, createdAt, updatedAt };
    const { smartpay } = client([
      json(200, bare),
      ...Array.from({ length: 3 }, () => json(200, { tokenId, status })),
    ]);
    assert.deepEqual(await smartpay.getToken(tokenId), bare);
    await assert.rejects(smartpay.getToken(tokenId), SmartPayMalformedResponseError);
  });
});

describe('the error factory: one class per answer', () => {
  const cases: [number, unknown, new (...args: never[]) => SmartPayError][] = [
    [
      400,
      { message: ['accountReferenceId must be a string', { 'must be one of': 'EWalletUser' }] },
      SmartPayInvalidRequestError,
    ],
    [
      401,
      { traceId: '00-1-2-00', errors: [{ message: 'x', code: 'unauthorized' }] },
      SmartPayAuthenticationError,
    ],
    [403, { traceId: '00-1-2-00', errors: [{ message: 'x', code: 'forbidden' }] }, SmartPayPermissionError],
    [404, { traceId: '00-1-2-00', errors: [{ message: 'x', code: 'not_found' }] }, SmartPayNotFoundError],
    [429, { traceId: '00-1-2-00', errors: [{ message: 'slow down' }] }, SmartPayRateLimitError],
    [500, { traceId: '00-1-2-00', errors: [{ message: 'Internal server error.' }] }, SmartPayApiError],
    [502, 'Bad gateway', SmartPayUnavailableError],
    [503, { traceId: '00-1-2-00', errors: [{ message: 'x' }] }, SmartPayUnavailableError],
    [504, '', SmartPayUnavailableError],
    [418, { teapot: true }, SmartPayApiError],
  ];
  for (const [status, body, type] of cases) {
    test(`${status} → ${type.name}`, async () => {
      const answer = typeof body === 'string' ? new Response(body, { status }) : json(status, body);
      const { smartpay } = client([answer]);
      const error = await smartpay.createToken(REQUEST).catch((e: unknown) => e);
      assert.ok(error instanceof type, `got ${String(error)}`);
      assert.ok(error instanceof SmartPayError);
      assert.equal(error.statusCode, status);
      assert.equal(error.operation, 'createToken');
    });
  }

  test('trace bodies give the trace id and the code; validation bodies give every message', async () => {
    const { smartpay } = client([
      json(401, {
        traceId: '00-abc-def-00',
        errors: [{ message: 'Not authenticated.', code: 'unauthorized' }],
      }),
    ]);
    const error = (await smartpay.getToken('t').catch((e: unknown) => e)) as SmartPayError;
    assert.equal(error.traceId, '00-abc-def-00');
    assert.equal(error.upstreamCode, 'unauthorized');
    assert.deepEqual(error.messages, ['Not authenticated.']);

    const second = client([json(400, { message: ['a is wrong', { 'b must be one of': 'X, Y' }] })]);
    const invalid = (await second.smartpay.createToken(REQUEST).catch((e: unknown) => e)) as SmartPayError;
    assert.deepEqual(invalid.messages, ['a is wrong', 'b must be one of: X, Y']);
  });

  test('the other documented shape {error, errorDetails, message} is read too', async () => {
    const { smartpay } = client([json(403, { error: 'forbidden', errorDetails: {}, message: 'No.' })]);
    const error = (await smartpay.createToken(REQUEST).catch((e: unknown) => e)) as SmartPayError;
    assert.ok(error instanceof SmartPayPermissionError);
    assert.equal(error.upstreamCode, 'forbidden');
    assert.deepEqual(error.messages, ['No.']);
  });

  test('a body that is not JSON keeps nothing of it', async () => {
    const { smartpay } = client([new Response('<html>secret 4111 1111 1111 1111</html>', { status: 500 })]);
    const error = (await smartpay.createToken(REQUEST).catch((e: unknown) => e)) as SmartPayError;
    assert.ok(error instanceof SmartPayApiError);
    assert.deepEqual(error.messages, []);
    assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), /4111/);
  });

  test('a 2xx that is not a token (truncated, wrong shape) is a malformed answer', async () => {
    for (const body of ['{"tokenId": "abc", "sta', '{"hello": 1}', '']) {
      const { smartpay } = client([new Response(body, { status: 200 })]);
      const error = await smartpay.createToken(REQUEST).catch((e: unknown) => e);
      assert.ok(error instanceof SmartPayMalformedResponseError, body);
    }
  });
});

describe('retries of reads', () => {
  test('5xx twice, then the token: three attempts, with growing jittered waits', async () => {
    const { smartpay, calls, sleeps } = client([json(500, {}), json(502, {}), json(200, TOKEN)]);
    const token = await smartpay.getToken(TOKEN.tokenId);
    assert.equal(token.status, TOKEN.status);
    assert.equal(calls.length, 3);
    assert.deepEqual(sleeps, [375, 750]); // 500 ms and 1 s, scaled by 0.5 + 0.5 / 2
  });

  test('gives up after two retries and reports the last failure', async () => {
    const { smartpay, calls } = client([json(503, {}), json(503, {}), json(500, {})]);
    await assert.rejects(smartpay.getToken('t'), SmartPayApiError);
    assert.equal(calls.length, 3);
  });

  test('429 waits at least Retry-After', async () => {
    const { smartpay, sleeps } = client([json(429, {}, { 'Retry-After': '2' }), json(200, TOKEN)]);
    await smartpay.getToken('t');
    assert.deepEqual(sleeps, [2000]);
  });

  test('a Retry-After longer than the cap ends the retries', async () => {
    const { smartpay, calls } = client([json(503, {}, { 'Retry-After': '3600' }), json(200, TOKEN)]);
    const error = (await smartpay.getToken('t').catch((e: unknown) => e)) as SmartPayError;
    assert.ok(error instanceof SmartPayUnavailableError);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.equal(calls.length, 1);
  });

  test('network errors, timeouts and unreadable answers are retried', async () => {
    const { smartpay, calls } = client([
      netError('ECONNRESET'),
      'hang',
      new Response('{"tok', { status: 200 }),
      json(200, TOKEN),
    ]);
    // maxRetries is 2, so the fourth step is never reached: the third failure is reported.
    await assert.rejects(smartpay.getToken('t'), SmartPayMalformedResponseError);
    assert.equal(calls.length, 3);
  });

  test('4xx other than 429 is not retried', async () => {
    for (const status of [400, 401, 403, 404]) {
      const { smartpay, calls } = client([json(status, {}), json(200, TOKEN)]);
      await assert.rejects(smartpay.getToken('t'));
      assert.equal(calls.length, 1, String(status));
    }
  });
});

describe('retries of creates: only when the request provably never left', () => {
  test('connection refused, then created: retried', async () => {
    const { smartpay, calls } = client([netError('ECONNREFUSED'), netError('ENOTFOUND'), json(200, TOKEN)]);
    const token = await smartpay.createToken(REQUEST);
    assert.equal(token.tokenId, TOKEN.tokenId);
    assert.equal(calls.length, 3);
  });

  test('refused on every attempt: a connection error saying nothing was sent', async () => {
    const { smartpay } = client([
      netError('ECONNREFUSED'),
      netError('ECONNREFUSED'),
      netError('ECONNREFUSED'),
    ]);
    const error = await smartpay.createToken(REQUEST).catch((e: unknown) => e);
    assert.ok(error instanceof SmartPayConnectionError);
    assert.equal(error.requestSent, false);
  });

  test('undici’s nested AggregateError of refusals still counts as never sent', async () => {
    const aggregate = new TypeError('fetch failed', {
      cause: Object.assign(
        new AggregateError([
          Object.assign(new Error('a'), { code: 'ECONNREFUSED' }),
          Object.assign(new Error('b'), { code: 'ECONNREFUSED' }),
        ]),
        { code: 'ECONNREFUSED' },
      ),
    });
    const { smartpay, calls } = client([aggregate, json(200, TOKEN)]);
    await smartpay.createToken(REQUEST);
    assert.equal(calls.length, 2);
  });

  const noRetry: [string, Step, new (...args: never[]) => SmartPayError][] = [
    ['a reset', netError('ECONNRESET'), SmartPayConnectionError],
    ['an unknown socket error', netError('UND_ERR_SOCKET'), SmartPayConnectionError],
    ['an error without a code', new TypeError('fetch failed'), SmartPayConnectionError],
    ['a timeout', 'hang', SmartPayTimeoutError],
    ['a 500', json(500, {}), SmartPayApiError],
    ['a 503', json(503, {}), SmartPayUnavailableError],
    ['a 429', json(429, {}, { 'Retry-After': '1' }), SmartPayRateLimitError],
    ['a truncated 200', new Response('{"tokenId":', { status: 200 }), SmartPayMalformedResponseError],
  ];
  for (const [what, step, type] of noRetry) {
    test(`${what}: not retried`, async () => {
      const { smartpay, calls } = client([step, json(200, TOKEN)]);
      const error = await smartpay.createToken(REQUEST).catch((e: unknown) => e);
      assert.ok(error instanceof type, String(error));
      assert.equal(calls.length, 1);
      if (error instanceof SmartPayConnectionError) assert.equal(error.requestSent, true);
    });
  }
});

describe('timeouts', () => {
  test('a call that never answers fails after timeoutMs', async () => {
    const { smartpay } = client(['hang'], { timeoutMs: 50 });
    const started = Date.now();
    await assert.rejects(smartpay.createToken(REQUEST), SmartPayTimeoutError);
    assert.ok(Date.now() - started < 1000);
  });

  test('the deadline covers the body too', async () => {
    const slowBody = () => Promise.resolve(new Response(new ReadableStream({ start() {} }), { status: 200 }));
    const { smartpay } = client([slowBody], { timeoutMs: 50 });
    await assert.rejects(smartpay.createToken(REQUEST), SmartPayTimeoutError);
  });

  test('the caller’s abort ends a call and is not retried', async () => {
    const { smartpay, calls } = client(['hang', json(200, TOKEN)], { timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await assert.rejects(smartpay.getToken('t', { signal: controller.signal }), /stop/);
    assert.equal(calls.length, 1);
  });
});

describe('default timeouts: the integration guide asks for at least 90 s per call', () => {
  const settled = async (promise: Promise<unknown>) => {
    let done = false;
    promise
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        done = true;
      });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    return done;
  };

  test('a create waits 90 s for SmartPay before its outcome is unknown; a read gives up after 15 s', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const script = scriptedFetch(['hang', 'hang', 'hang', 'hang']);
      const smartpay = createSmartPayClient({
        ...ACCOUNT,
        fetch: script.fetch,
        retry: { maxRetries: 0 },
      });
      const create = smartpay.createToken(REQUEST);
      const read = smartpay.getToken(TOKEN.tokenId);
      create.catch(() => {});
      read.catch(() => {});
      mock.timers.tick(15_000);
      assert.equal(await settled(read), true, 'the read timed out at 15 s');
      await assert.rejects(read, SmartPayTimeoutError);
      mock.timers.tick(60_000);
      assert.equal(await settled(create), false, 'the create still waits at 75 s');
      mock.timers.tick(15_000);
      assert.equal(await settled(create), true);
      await assert.rejects(create, SmartPayTimeoutError);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('Retry-After and backoff arithmetic', () => {
  test('parseRetryAfter reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:10 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  test('backoff doubles up to the cap, with 50–100 % jitter', () => {
    const policy = { maxRetries: 5, initialDelayMs: 500, maxDelayMs: 5000, maxRetryAfterMs: 10_000 };
    assert.equal(
      retryDelay(0, policy, () => 0),
      250,
    );
    assert.equal(
      retryDelay(0, policy, () => 0.999999),
      500,
    );
    assert.equal(
      retryDelay(3, policy, () => 0.999999),
      4000,
    );
    assert.equal(
      retryDelay(10, policy, () => 0.999999),
      5000,
    );
    assert.equal(
      retryDelay(0, policy, () => 0, 7000),
      7000,
    );
    assert.equal(
      retryDelay(0, policy, () => 0, 10_001),
      undefined,
    );
  });
});
