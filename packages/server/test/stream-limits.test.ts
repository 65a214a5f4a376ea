/** Caps on open event streams, one heartbeat timer for all, idle close with a retry hint, resume by Last-Event-ID. */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, mock, test } from 'node:test';
import { createStreamLimits } from '../src/tokens/stream-limits.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness, waitFor } from './helpers/harness.ts';
import { readSse, statuses } from './helpers/sse.ts';

describe('stream limits, on a fake clock', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  const quiet = () => ({ heartbeat() {}, closeIdle() {} });

  test('in total, per client and per token; a release frees the place', () => {
    const limits = createStreamLimits({
      maxStreams: 3,
      maxPerClient: 2,
      maxPerToken: 2,
      heartbeatMs: 15_000,
      idleMs: 60_000,
    });
    const a1 = limits.admit('a', 't1', quiet());
    const a2 = limits.admit('a', 't2', quiet());
    assert.ok(a1.admitted && a2.admitted);
    assert.deepEqual(limits.admit('a', 't3', quiet()), {
      admitted: false,
      reason: 'client',
      retryAfterSeconds: 30,
    });
    assert.ok(limits.admit('b', 't1', quiet()).admitted);
    assert.equal(limits.admit('c', 't9', quiet()).admitted, false, 'three open in total');
    a1.release();
    a1.release(); // twice frees one place only
    assert.equal(limits.open, 2);
    assert.deepEqual(limits.admit('c', 't2', quiet()).admitted, true);
    assert.deepEqual(limits.admit('d', 't2', quiet()), {
      admitted: false,
      reason: 'total',
      retryAfterSeconds: 10,
    });
    limits.close();
  });

  test('one timer beats every stream; a stream without events for idleMs is closed', () => {
    const limits = createStreamLimits({
      maxStreams: 10,
      maxPerClient: 10,
      maxPerToken: 10,
      heartbeatMs: 1_000,
      idleMs: 3_000,
    });
    const seen: string[] = [];
    const busy = limits.admit('a', 't1', {
      heartbeat: () => seen.push('busy♥'),
      closeIdle: () => seen.push('busy✕'),
    });
    const idle = limits.admit('a', 't2', {
      heartbeat: () => seen.push('idle♥'),
      closeIdle: () => {
        seen.push('idle✕');
        if (idle.admitted) idle.release();
      },
    });
    assert.ok(busy.admitted);
    for (let s = 1; s <= 4; s++) {
      mock.timers.tick(1_000);
      busy.touch();
    }
    assert.deepEqual(seen, ['busy♥', 'idle♥', 'busy♥', 'idle♥', 'busy♥', 'idle✕', 'busy♥']);
    assert.equal(limits.open, 1);
    limits.close();
  });
});

describe('event streams through the app', () => {
  const harness = startHarness({
    maxStreams: 3,
    maxStreamsPerClient: 2,
    clientKey: (c) => c.req.header('x-test-client') ?? 'nobody',
  });
  after(() => harness.close());

  const open = async (client: string, token: { tokenId: string; clientSecret: string }, headers = {}) =>
    harness.app.request(`/api/network-tokens/${token.tokenId}/events`, {
      headers: { authorization: `Bearer ${token.clientSecret}`, 'x-test-client': client, ...headers },
    });
  const newToken = async () =>
    body<{ tokenId: string; clientSecret: string }>(await harness.create(paymentFormBody()));

  test('beyond the caps: 429 with Retry-After, and /healthz still answers', async () => {
    const tokens = [await newToken(), await newToken(), await newToken(), await newToken()];
    const [t0, t1, t2, t3] = tokens as [
      (typeof tokens)[0],
      (typeof tokens)[0],
      (typeof tokens)[0],
      (typeof tokens)[0],
    ];
    const a = [readSse(await open('a', t0)), readSse(await open('a', t1))];
    const refused = await open('a', t2);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.equal((await body<{ error: { code: string } }>(refused)).error.code, 'rate_limited');
    const b = readSse(await open('b', t2));
    const full = await open('c', t3);
    assert.equal(full.status, 429);
    assert.equal(full.headers.get('retry-after'), '10');
    assert.equal((await harness.app.request('/healthz')).status, 200);
    await a[0]?.cancel();
    await waitFor(
      async () => (await open('c', t3).then((r) => r.body?.cancel().then(() => r.status))) === 200,
    );
    for (const s of [a[1], b]) await s?.cancel();
    assert.ok(harness.logs.some((l) => l.includes('"event":"sse.refused"')));
  });

  test('each status carries its id; a reconnect with Last-Event-ID does not get it again', async () => {
    const token = await newToken();
    const first = await open('r', token);
    const text = await readFirstEvent(first);
    assert.match(text, /^id: PENDING_PAYMENT_FORM\nevent: status\n/);
    const again = readSse(await open('r', token, { 'last-event-id': 'PENDING_PAYMENT_FORM' }));
    await harness.forceStatus(token.tokenId, 'PROVISIONING');
    await again.until((e) => e.length >= 1);
    assert.deepEqual(statuses(again.events), ['PROVISIONING']);
    await again.cancel();
  });
});

describe('idle streams', () => {
  const harness = startHarness({ streamIdleMs: 60, watch: { heartbeatMs: 20, waitingEveryMs: 10_000 } });
  after(() => harness.close());

  test('are closed with a retry hint after streamIdleMs without an event', async () => {
    const token = await body<{ tokenId: string; clientSecret: string }>(
      await harness.create(paymentFormBody()),
    );
    const response = await harness.read(token.tokenId, token.clientSecret, '/events');
    const text = await response.text(); // ends when the server closes it
    assert.match(text, /event: status/);
    assert.match(text, /\nretry: 1000\n\n$/);
  });
});

async function readFirstEvent(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}
