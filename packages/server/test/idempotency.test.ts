import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness } from './helpers/harness.ts';

const creates = async (harness: ReturnType<typeof startHarness>) =>
  (await harness.upstreamRequests()).filter((r) => r.method === 'POST').length;

describe('Idempotency-Key', () => {
  const harness = startHarness();
  after(() => harness.close());

  test('the same key and body returns the same token and creates one upstream', async () => {
    await harness.clearUpstreamRequests();
    const first = await harness.create(paymentFormBody(), { key: 'order-1001-attempt-1' });
    const second = await harness.create(paymentFormBody(), { key: 'order-1001-attempt-1' });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(await body(second), await body(first));
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(await creates(harness), 1);
  });

  test('key order and whitespace in the JSON do not matter; the default currency counts as sent', async () => {
    const { currencyCode: _, ...noCurrency } = paymentFormBody();
    const reordered = Object.fromEntries(Object.entries(paymentFormBody()).reverse());
    const first = await harness.create(noCurrency, { key: 'order-1002-attempt-1' });
    const second = await harness.create(JSON.stringify(reordered, null, 2), { key: 'order-1002-attempt-1' });
    assert.equal(second.status, 201);
    assert.equal((await body(second)).tokenId, (await body(first)).tokenId);
  });

  test('the same key with another body is refused with 422', async () => {
    await harness.create(paymentFormBody(), { key: 'order-1003-attempt-1' });
    const other = { ...paymentFormBody(), currencyCode: 'USD' };
    const before = await creates(harness);
    const response = await harness.create(other, { key: 'order-1003-attempt-1' });
    assert.equal(response.status, 422);
    const error = (await body<MerchantErrorBody>(response)).error;
    assert.equal(error.code, 'idempotency_key_reused');
    assert.equal(error.type, 'idempotency_error');
    assert.equal(await creates(harness), before);
  });

  test('50 concurrent duplicates: one token upstream, the same answer for all', async () => {
    await harness.clearUpstreamRequests();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => harness.create(paymentFormBody(), { key: 'order-1004-attempt-1' })),
    );
    const answers = await Promise.all(responses.map((r) => body(r)));
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
    assert.equal(new Set(answers.map((a) => a.tokenId)).size, 1);
    assert.equal(new Set(answers.map((a) => a.clientSecret)).size, 1);
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === null).length, 1);
    assert.equal(await creates(harness), 1);
  });

  test('50 concurrent duplicates while SmartPay is slow: still one token', async () => {
    await harness.clearUpstreamRequests();
    await harness.fault({ method: 'POST', path: '/network-tokens', kind: 'delay', delayMs: 150 });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => harness.create(paymentFormBody(), { key: 'order-1005-attempt-1' })),
    );
    const ids = new Set(await Promise.all(responses.map(async (r) => (await body(r)).tokenId)));
    assert.equal(ids.size, 1);
    assert.equal(await creates(harness), 1);
  });

  test('concurrent requests with one key and different bodies: one wins, the others get 422', async () => {
    const bodies = ['EUR', 'USD', 'GBP', 'CHF'].map((currencyCode) => ({
      ...paymentFormBody(),
      currencyCode,
    }));
    const responses = await Promise.all(
      bodies.map((b) => harness.create(b, { key: 'order-1006-attempt-1' })),
    );
    assert.deepEqual(responses.map((r) => r.status).sort(), [201, 422, 422, 422]);
  });

  test('different keys create different tokens', async () => {
    const a = await body(await harness.create(paymentFormBody(), { key: 'order-1007-attempt-1' }));
    const b = await body(await harness.create(paymentFormBody(), { key: 'order-1007-attempt-2' }));
    assert.notEqual(a.tokenId, b.tokenId);
  });
});

describe('Idempotency-Key lifetime', () => {
  test('a key is remembered for 24 hours, then it may create again', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const harness = startHarness({ now: () => now });
    after(() => harness.close());
    const first = await body(await harness.create(paymentFormBody(), { key: 'order-2001-attempt-1' }));
    now += 24 * 60 * 60_000 - 1;
    const replay = await body(await harness.create(paymentFormBody(), { key: 'order-2001-attempt-1' }));
    assert.equal(replay.tokenId, first.tokenId);
    now += 2;
    const later = await body(await harness.create(paymentFormBody(), { key: 'order-2001-attempt-1' }));
    assert.notEqual(later.tokenId, first.tokenId);
  });

  test('a duplicate waiting on a key held elsewhere gives up with 409 idempotency_in_progress', async () => {
    const harness = startHarness({ waitForDuplicateMs: 60 });
    after(() => harness.close());
    // Another instance holds the key: claim it directly in the shared store.
    const { bodyFingerprint } = await import('../src/tokens/fingerprint.ts');
    await harness.store.claimIdempotencyKey('order-2002-attempt-1', bodyFingerprint(paymentFormBody()), {
      now: Date.now(),
      ttlMs: 60_000,
    });
    const response = await harness.create(paymentFormBody(), { key: 'order-2002-attempt-1' });
    assert.equal(response.status, 409);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'idempotency_in_progress');
    assert.equal(harness.upstreamCalls, 0);
  });

  test('a duplicate waiting on another instance gets its answer once it is stored', async () => {
    const harness = startHarness();
    after(() => harness.close());
    const { bodyFingerprint } = await import('../src/tokens/fingerprint.ts');
    const key = 'order-2003-attempt-1';
    await harness.store.claimIdempotencyKey(key, bodyFingerprint(paymentFormBody()), {
      now: Date.now(),
      ttlMs: 60_000,
    });
    setTimeout(() => {
      void harness.store.completeIdempotencyKey(key, {
        kind: 'created',
        tokenId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        status: 'PENDING_PAYMENT_FORM',
        createdAt: '2026-03-01T10:00:00.000Z',
      });
    }, 60);
    const response = await harness.create(paymentFormBody(), { key });
    assert.equal(response.status, 201);
    assert.equal((await body(response)).tokenId, '3fa85f64-5717-4562-b3fc-2c963f66afa6');
    assert.equal(harness.upstreamCalls, 0);
  });
});
