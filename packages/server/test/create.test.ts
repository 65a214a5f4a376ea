import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createTokenResponseSchema, type MerchantErrorBody, merchantConfigSchema } from '@smartpay/contract';
import { SESSION_COOKIE, type StoredToken } from '../src/index.ts';
import { directBody, paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness, waitFor } from './helpers/harness.ts';

const harness = startHarness();
after(() => harness.close());

describe('GET /api/config and /healthz', () => {
  test('config holds the SDK URL, the flows and the currency (no card endpoint: direct creates ask for an attempt)', async () => {
    const response = await harness.app.request('/api/config');
    assert.equal(response.status, 200);
    const config = merchantConfigSchema.parse(await response.json());
    assert.deepEqual(config, {
      sdkUrl: 'http://localhost:4010/sdk/smp-bundle.js',
      integrationFlows: ['payment-form', 'direct'],
      currencyCode: 'EUR',
    });
  });

  test('config names the default billing country when DEFAULT_COUNTRY is set', async () => {
    const withCountry = startHarness({ defaultCountry: 'AUT' });
    try {
      const config = merchantConfigSchema.parse(await (await withCountry.app.request('/api/config')).json());
      assert.equal(config.defaultCountry, 'AUT');
    } finally {
      await withCountry.close();
    }
  });

  test('healthz answers 200', async () => {
    const response = await harness.app.request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });
});

describe('POST /api/network-tokens, payment-form', () => {
  test('201 with tokenId, status, clientSecret and createdAt', async () => {
    const response = await harness.create(paymentFormBody());
    assert.equal(response.status, 201);
    const created = createTokenResponseSchema.parse(await response.json());
    assert.equal(created.status, 'PENDING_PAYMENT_FORM');
    assert.match(created.clientSecret, /^ntcs_[\w-]{43}$/);
    assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
    assert.deepEqual(Object.keys(created).sort(), ['clientSecret', 'createdAt', 'status', 'tokenId']);
  });

  test('the server supplies accountReferenceId (a session UUID) and EWalletUser; currency defaults from config', async () => {
    const { currencyCode: _, ...withoutCurrency } = paymentFormBody();
    const first = await harness.create(withoutCurrency);
    assert.equal(first.status, 201);
    const cookie = first.headers.get('set-cookie') ?? '';
    assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=[0-9a-f-]{36}\\.`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const firstStored = await harness.store.getToken((await body(first)).tokenId as string);
    assert.match(firstStored?.accountReferenceId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    assert.equal(firstStored?.integrationFlow, 'payment-form');

    // The same session keeps its account; a forged cookie gets a new one.
    const sessionCookie = cookie.split(';')[0]!;
    const second = await harness.create(paymentFormBody(), { headers: { cookie: sessionCookie } });
    const secondStored = await harness.store.getToken((await body(second)).tokenId as string);
    assert.equal(secondStored?.accountReferenceId, firstStored?.accountReferenceId);
    assert.equal(second.headers.get('set-cookie'), null);

    const forged = `${SESSION_COOKIE}=${firstStored?.accountReferenceId}.forged`;
    const third = await harness.create(paymentFormBody(), { headers: { cookie: forged } });
    const thirdStored = await harness.store.getToken((await body(third)).tokenId as string);
    assert.notEqual(thirdStored?.accountReferenceId, firstStored?.accountReferenceId);
  });

  test('a create waits longer than a read: a slow SmartPay create still succeeds (item 4: 90 s by default)', async () => {
    const slow = startHarness({ smartpayTimeoutMs: 50 });
    after(() => slow.close());
    await slow.fault({ method: 'POST', path: '/network-tokens', kind: 'delay', delayMs: 300 });
    const response = await slow.create(paymentFormBody());
    assert.equal(response.status, 201);
  });

  test('resolveAccount is a hook', async () => {
    const account = '0b7e2f0e-2d5a-4c61-9a43-6a2e7c1d9f00';
    const custom = startHarness({ resolveAccount: () => account });
    after(() => custom.close());
    const response = await custom.create(paymentFormBody());
    const stored = await custom.store.getToken((await body(response)).tokenId as string);
    assert.equal(stored?.accountReferenceId, account);
    assert.equal(stored?.token.status, 'PENDING_PAYMENT_FORM');
  });

  test('a hook that returns no UUID is a 500, and SmartPay is not called', async () => {
    const custom = startHarness({ resolveAccount: () => 'customer-42' });
    after(() => custom.close());
    const response = await custom.create(paymentFormBody());
    assert.equal(response.status, 500);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'internal_error');
    assert.equal(custom.upstreamCalls, 0);
  });
});

describe('POST /api/network-tokens, direct', () => {
  test('card tokens from the PCI proxy give an ACTIVE token at once; onFinalStatus gets the network token', async () => {
    const settled: StoredToken[] = [];
    const custom = startHarness({ onFinalStatus: (token) => void settled.push(token) });
    after(() => custom.close());
    const { cardToken, cvvToken } = await custom.tokenize('4111111111111111');
    const response = await custom.create(directBody(cardToken, cvvToken));
    assert.equal(response.status, 201);
    const created = await body(response);
    assert.equal(created.status, 'ACTIVE');
    // The create costs no second SmartPay call; the widget's first read fetches the card and the
    // network token (without it, the watcher's sweep does).
    const calls = custom.upstreamCalls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(custom.upstreamCalls, calls, 'no read after the create by itself');
    const read = await body(await custom.read(created.tokenId as string, created.clientSecret as string));
    assert.deepEqual(read.card, { brand: 'VISA', last4: '1111', expiryMonth: '12', expiryYear: '30' });
    await waitFor(() => settled.length === 1);
    assert.equal(settled[0]?.tokenId, created.tokenId);
    assert.equal(settled[0]?.integrationFlow, 'direct');
    assert.match(settled[0]?.token.networkToken?.tokenNumber ?? '', /^\d{13,19}$/);
    const stored = await custom.store.getToken(created.tokenId as string);
    assert.equal(stored?.fullView, true);
    assert.equal(stored?.token.tokenizedCardData?.last4Digits, '1111');
  });

  test('a declined card gives ERROR', async () => {
    const { cardToken, cvvToken } = await harness.tokenize('4000000000000002');
    const created = await body(await harness.create(directBody(cardToken, cvvToken)));
    assert.equal(created.status, 'ERROR');
  });

  test('a raw card number instead of a card token is refused before SmartPay, and never logged', async () => {
    const before = harness.upstreamCalls;
    const logsBefore = harness.logs.length;
    const response = await harness.create(directBody('4111 1111 1111 1111', '123'));
    assert.equal(response.status, 400);
    const error = (await body<MerchantErrorBody>(response)).error;
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['cardDetails.cardToken', 'cardDetails.cvvToken'],
    );
    assert.equal(harness.upstreamCalls, before);
    const newLogs = harness.logs.slice(logsBefore).join('\n');
    assert.doesNotMatch(newLogs, /4111/);
    assert.doesNotMatch(JSON.stringify(error), /4111/);
  });

  test('direct without cardDetails, and payment-form with them, are refused', async () => {
    const { cardDetails: _, ...noCard } = directBody('ct_x', 'cvv_y');
    const missing = await body<MerchantErrorBody>(await harness.create(noCard));
    assert.deepEqual(
      missing.error.fields?.map((f) => f.path),
      ['cardDetails'],
    );
    const extra = await body<MerchantErrorBody>(
      await harness.create({ ...directBody('ct_abcdefgh', 'cvv_abcdef'), integrationFlow: 'payment-form' }),
    );
    assert.deepEqual(
      extra.error.fields?.map((f) => f.path),
      ['cardDetails'],
    );
  });
});

describe('request problems', () => {
  test('every field problem is named in one 400', async () => {
    const bad = {
      ...paymentFormBody(),
      currencyCode: 'euro',
      consumer: { firstName: 'x'.repeat(61), emailAddress: 'nope' },
      billingAddress: { ...paymentFormBody().billingAddress, countryCode: 'USA' },
      extra: true,
    };
    const before = harness.upstreamCalls;
    const response = await harness.create(bad);
    assert.equal(response.status, 400);
    const error = (await body<MerchantErrorBody>(response)).error;
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.fields?.map((f) => f.path).sort(), [
      'billingAddress.state',
      'consumer.emailAddress',
      'consumer.firstName',
      'consumer.lastName',
      'currencyCode',
      'extra',
    ]);
    for (const field of error.fields ?? []) assert.ok(field.message.startsWith(field.path));
    assert.equal(harness.upstreamCalls, before);
  });

  test('a flow the merchant does not offer is refused', async () => {
    const custom = startHarness({ integrationFlows: ['payment-form'] });
    after(() => custom.close());
    const response = await custom.create(directBody('ct_abcdefgh', 'cvv_abcdef'));
    assert.equal(response.status, 400);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'flow_not_allowed');
    assert.equal(custom.upstreamCalls, 0);
  });

  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      'no Idempotency-Key',
      () => harness.create(paymentFormBody(), { key: null }),
      400,
      'idempotency_key_missing',
    ],
    [
      'a short Idempotency-Key',
      () => harness.create(paymentFormBody(), { key: 'short' }),
      400,
      'idempotency_key_invalid',
    ],
    [
      'a key with spaces',
      () => harness.create(paymentFormBody(), { key: 'has spaces in it' }),
      400,
      'idempotency_key_invalid',
    ],
    [
      'text/plain',
      () => harness.create(paymentFormBody(), { headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    ],
    ['not JSON', () => harness.create('{"integrationFlow":'), 400, 'invalid_json'],
    ['an empty body', () => harness.create(''), 400, 'invalid_json'],
    ['33 KB', () => harness.create({ pad: 'x'.repeat(33 * 1024) }), 413, 'payload_too_large'],
  ];
  for (const [what, send, status, code] of cases) {
    test(`${what} → ${status} ${code}`, async () => {
      const before = harness.upstreamCalls;
      const response = await send();
      assert.equal(response.status, status);
      const error = (await body<MerchantErrorBody>(response)).error;
      assert.equal(error.code, code);
      assert.equal(error.requestId, response.headers.get('x-request-id'));
      assert.equal(harness.upstreamCalls, before);
    });
  }

  test('application/merchant+json with a charset counts as JSON', async () => {
    const response = await harness.create(paymentFormBody(), {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assert.equal(response.status, 201);
  });

  test('unknown API paths and methods get the envelope 404', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/network-tokens/x'],
      ['GET', '/elsewhere'],
    ] as const) {
      const response = await harness.app.request(path, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal((await body<MerchantErrorBody>(response)).error.code, 'not_found');
    }
  });
});
