import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody, PublicToken } from '@smartpay/contract';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness, waitFor } from './helpers/harness.ts';
import { readSse, statuses } from './helpers/sse.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newToken(harness: ReturnType<typeof startHarness>) {
  return body<{ tokenId: string; clientSecret: string }>(await harness.create(paymentFormBody()));
}

describe('GET /api/network-tokens/{id}/events', () => {
  const harness = startHarness();
  after(() => harness.close());

  test('the current status at once, then each change, then the end after a final status', async () => {
    const { tokenId, clientSecret } = await newToken(harness);
    const response = await harness.read(tokenId, clientSecret, '/events');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const sse = readSse(response);
    await sse.until((events) => events.length === 1, 500);
    assert.deepEqual(statuses(sse.events), ['PENDING_PAYMENT_FORM']);

    await harness.forceStatus(tokenId, 'PROVISIONING');
    await sse.until((events) => statuses(events).includes('PROVISIONING'));
    await harness.forceStatus(tokenId, 'ACTIVE');
    await sse.ended;
    assert.deepEqual(statuses(sse.events), ['PENDING_PAYMENT_FORM', 'PROVISIONING', 'ACTIVE']);
    const active = JSON.parse(sse.events.at(-1)!.data) as PublicToken;
    assert.equal(active.card?.last4, '1111');
    assert.ok(sse.events.every((e) => e.event === 'status'));
  });

  test('a connect answers what the server knows without asking SmartPay; a final token gives one event and ends', async () => {
    const { tokenId, clientSecret } = await newToken(harness);
    await harness.forceStatus(tokenId, 'ERROR');
    await pause(15); // past freshForMs: the stored PENDING_PAYMENT_FORM is stale
    const calls = harness.upstreamCalls;
    const first = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await first.until((events) => events.length === 1);
    assert.equal(harness.upstreamCalls, calls, 'the connect itself read nothing upstream');
    await first.ended; // the watcher's next read finds ERROR
    assert.deepEqual(statuses(first.events), ['PENDING_PAYMENT_FORM', 'ERROR']);
    for (let i = 0; i < 2; i++) {
      const sse = readSse(await harness.read(tokenId, clientSecret, '/events'));
      await sse.ended;
      assert.deepEqual(statuses(sse.events), ['ERROR']);
    }
  });

  test('a reconnect mid-way starts with the status of that moment', async () => {
    const { tokenId, clientSecret } = await newToken(harness);
    const first = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await first.until((e) => e.length === 1);
    await first.cancel();
    await harness.forceStatus(tokenId, 'PROVISIONING');
    await pause(15);
    // A connect answers from what the server knows, without reading SmartPay: let a read learn it.
    assert.equal(
      (await body<{ status: string }>(await harness.read(tokenId, clientSecret))).status,
      'PROVISIONING',
    );
    const second = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await second.until((e) => e.length === 1);
    assert.deepEqual(statuses(second.events), ['PROVISIONING']);
    await second.cancel();
  });

  test('heartbeats keep an idle stream open', async () => {
    const beating = startHarness({
      watch: {
        waitingEveryMs: 1_000,
        afterSubmission: [{ untilMs: Infinity, everyMs: 1_000 }],
        heartbeatMs: 20,
        idleStopMs: 10,
      },
    });
    after(() => beating.close());
    const { tokenId, clientSecret } = await newToken(beating);
    const sse = readSse(await beating.read(tokenId, clientSecret, '/events'));
    await waitFor(() => sse.comments.length >= 3);
    assert.deepEqual(new Set(sse.comments), new Set(['heartbeat']));
    await sse.cancel();
  });

  test('a token SmartPay forgets ends the stream with an error event', async () => {
    const { tokenId, clientSecret } = await newToken(harness);
    const sse = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await sse.until((e) => e.length === 1);
    await harness.fault({
      method: 'GET',
      path: '/network-tokens/*',
      kind: 'status',
      status: 404,
      count: 100,
    });
    await sse.ended;
    await harness.sandbox.fetch('http://sandbox.test/_sandbox/faults', { method: 'DELETE' });
    const last = sse.events.at(-1)!;
    assert.equal(last.event, 'error');
    assert.equal((JSON.parse(last.data) as MerchantErrorBody).error.code, 'not_found');
  });

  test('a stream closed by the browser stops its poller', async () => {
    const { tokenId, clientSecret } = await newToken(harness);
    const sse = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await sse.until((e) => e.length === 1);
    await pause(60);
    assert.ok(
      (await harness.upstreamRequests()).some((r) => r.path.endsWith(tokenId)),
      'it was polling',
    );
    await sse.cancel();
    await pause(60); // idleStopMs is 30
    await harness.clearUpstreamRequests();
    await pause(100);
    assert.equal((await harness.upstreamRequests()).filter((r) => r.path.endsWith(tokenId)).length, 0);
    assert.ok(harness.logs.some((l) => l.includes('"event":"sse.closed"') && l.includes(tokenId)));
  });

  test('once the card was submitted, polling goes on without subscribers until the final status', async () => {
    const settled: string[] = [];
    const alone = startHarness({
      onFinalStatus: (token) => void settled.push(token.token.networkToken?.tokenNumber ?? ''),
    });
    after(() => alone.close());
    const { tokenId, clientSecret } = await newToken(alone);
    const sse = readSse(await alone.read(tokenId, clientSecret, '/events'));
    await sse.until((e) => e.length === 1);
    await alone.forceStatus(tokenId, 'PROVISIONING');
    await sse.until((e) => statuses(e).includes('PROVISIONING'));
    await sse.cancel(); // the shopper closed the tab
    await pause(100); // well past idleStopMs
    await alone.forceStatus(tokenId, 'ACTIVE');
    await waitFor(() => settled.length === 1);
    assert.match(settled[0] ?? '', /^\d{13,19}$/);
    assert.equal((await alone.store.getToken(tokenId))?.token.status, 'ACTIVE');
  });

  test('server shutdown ends every stream', async () => {
    const closing = startHarness();
    const { tokenId, clientSecret } = await newToken(closing);
    const sse = readSse(await closing.read(tokenId, clientSecret, '/events'));
    await sse.until((e) => e.length === 1);
    closing.close();
    await sse.ended;
  });
});

describe('one poller per token', () => {
  test('100 subscribers on one token: one upstream poller, and all of them get ACTIVE', async () => {
    const harness = startHarness({
      watch: {
        waitingEveryMs: 25,
        afterSubmission: [{ untilMs: Infinity, everyMs: 25 }],
        jitter: 0,
        freshForMs: 10,
        idleStopMs: 30,
      },
    });
    after(() => harness.close());
    const { tokenId, clientSecret } = await newToken(harness);
    const streams = await Promise.all(
      Array.from({ length: 100 }, async () => readSse(await harness.read(tokenId, clientSecret, '/events'))),
    );
    await Promise.all(streams.map((s) => s.until((e) => e.length >= 1)));
    // Counted once every stream is open (opening 100 takes a while on a busy machine).
    await harness.clearUpstreamRequests();
    const started = Date.now();
    await pause(500);
    const polls = (await harness.upstreamRequests()).filter((r) => r.method === 'GET').length;
    const elapsed = Date.now() - started;
    // One poller every 25 ms (and one read that may have been under way).
    assert.ok(polls <= Math.ceil(elapsed / 25) + 2, `${polls} reads in ${elapsed} ms`);
    assert.ok(polls >= 2, `${polls} reads: the poller must be running`);

    await harness.forceStatus(tokenId, 'ACTIVE');
    await Promise.all(streams.map((s) => s.ended));
    for (const stream of streams)
      assert.deepEqual(statuses(stream.events), ['PENDING_PAYMENT_FORM', 'ACTIVE']);
    // After the final status nobody polls.
    await harness.clearUpstreamRequests();
    await pause(100);
    assert.equal((await harness.upstreamRequests()).length, 0);
  });

  test('faults while following: the poller backs off and carries on, subscribers see ACTIVE', async () => {
    const harness = startHarness();
    after(() => harness.close());
    const { tokenId, clientSecret } = await newToken(harness);
    const sse = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await sse.until((e) => e.length === 1);
    for (const fault of [
      { kind: 'status', status: 500, count: 4 },
      { kind: 'reset', count: 3 },
      { kind: 'reset-after', count: 3 },
      { kind: 'malformed', count: 3 },
      { kind: 'rate-limit', retryAfter: 0, count: 3 },
      { kind: 'unavailable', retryAfter: 0, count: 3 },
      { kind: 'delay', delayMs: 10, count: 3 },
    ]) {
      await harness.fault({ method: 'GET', path: '/network-tokens/*', ...fault });
    }
    await harness.forceStatus(tokenId, 'ACTIVE');
    await sse.ended;
    assert.deepEqual(statuses(sse.events), ['PENDING_PAYMENT_FORM', 'ACTIVE']);
    assert.ok(harness.logs.some((l) => l.includes('"event":"watcher.poll_failed"')));
  });

  test('the watcher gives up after its maximum: event timeout, then the end', async () => {
    let now = Date.now();
    const harness = startHarness({
      now: () => now,
      watch: {
        waitingEveryMs: 20,
        afterSubmission: [{ untilMs: Infinity, everyMs: 20 }],
        maxFollowMs: 60_000,
        freshForMs: 10,
      },
    });
    after(() => harness.close());
    const { tokenId, clientSecret } = await newToken(harness);
    const sse = readSse(await harness.read(tokenId, clientSecret, '/events'));
    await sse.until((e) => e.length === 1);
    now += 60_000;
    await sse.ended;
    assert.deepEqual(
      sse.events.map((e) => e.event),
      ['status', 'timeout'],
    );
    assert.equal((JSON.parse(sse.events[1]!.data) as PublicToken).status, 'PENDING_PAYMENT_FORM');
    // A plain read still works.
    assert.equal((await harness.read(tokenId, clientSecret)).status, 200);
  });
});
