/**
 * The status watcher on its own, with fake timers: when it reads SmartPay, and what its
 * subscribers hear. A fake SmartPay client answers from a variable and records each read's time.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { NetworkToken } from '@smartpay/contract';
import { createJsonLogger } from '../src/logging/logger.ts';
import type { SmartPayClient } from '../src/smartpay/client.ts';
import { SmartPayError } from '../src/smartpay/errors.ts';
import { MemoryTokenStore } from '../src/store/memory-token-store.ts';
import { createStatusWatcher, type WatchEvent } from '../src/watcher/status-watcher.ts';
import { TOKEN } from './helpers/scripted-fetch.ts';

const START = 1_700_000_000_000;
const ID = TOKEN.tokenId;

function setUp() {
  const state = { status: 'PENDING_PAYMENT_FORM', failWith: undefined as SmartPayError | undefined };
  const reads: number[] = [];
  const client: SmartPayClient = {
    createToken: () => Promise.reject(new Error('not in these tests')),
    async getToken(tokenId) {
      reads.push(Date.now() - START);
      if (state.failWith) throw state.failWith;
      return { ...TOKEN, tokenId, status: state.status } as NetworkToken;
    },
  };
  const store = new MemoryTokenStore();
  const watcher = createStatusWatcher({
    client,
    store,
    logger: createJsonLogger({ sink: () => {}, level: 'error' }),
    random: () => 0.5,
  });
  const heard: { at: number; status: string }[] = [];
  const listen = (event: WatchEvent) => {
    if (event.type === 'status') heard.push({ at: Date.now() - START, status: event.token.status });
  };
  const created = () =>
    store.putToken({
      tokenId: ID,
      token: { ...TOKEN, status: 'PENDING_PAYMENT_FORM' } as NetworkToken,
      fullView: false,
      checkedAt: Date.now(),
      followSince: Date.now(),
    });
  return { state, reads, watcher, store, heard, listen, created };
}

/** Moves the fake clock on by `ms`, 10 ms at a time, letting promises settle in between. */
async function advance(ms: number) {
  for (let done = 0; done < ms; done += 10) {
    mock.timers.tick(10);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the status watcher, on a fake clock', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: START }));
  afterEach(() => mock.timers.reset());

  test('before the card: a subscriber costs no read at once, then one every 5 s', async () => {
    const { reads, watcher, listen, created } = setUp();
    await created();
    watcher.subscribe(ID, listen);
    await advance(16_000);
    assert.deepEqual(reads, [5_000, 10_000, 15_000]);
    watcher.close();
  });

  test('after the widget says the card is in: a read at once, then every 250 ms; the change is heard within one', async () => {
    const { state, reads, watcher, heard, listen, created } = setUp();
    await created();
    watcher.subscribe(ID, listen);
    await advance(3_000);
    assert.deepEqual(reads, []);
    watcher.cardSubmitted(ID);
    await advance(1_000);
    // At once (the next 10 ms step of the fake clock), then every 250 ms.
    assert.deepEqual(reads, [3_010, 3_260, 3_510, 3_760]);
    state.status = 'ACTIVE';
    const changedAt = Date.now() - START;
    await advance(300);
    const active = heard.find((h) => h.status === 'ACTIVE');
    assert.ok(
      active && active.at - changedAt <= 250,
      'heard at the next read, 250 ms after the change at most',
    );
    const count = reads.length;
    await advance(5_000);
    assert.equal(reads.length, count, 'no read after a final status');
    watcher.cardSubmitted(ID); // late or repeated: a follow that ended is not restarted for long
    watcher.close();
  });

  test('PROVISIONING seen on a slow read turns the pace fast; it slows down with time', async () => {
    const { state, reads, watcher, listen, created } = setUp();
    await created();
    watcher.subscribe(ID, listen);
    state.status = 'PROVISIONING';
    await advance(5_010);
    assert.deepEqual(reads, [5_000]);
    await advance(2_000);
    assert.deepEqual(reads.slice(1, 5), [5_250, 5_500, 5_750, 6_000]);
    const before = reads.length;
    await advance(60_000);
    const gaps = reads.slice(before).map((at, i, all) => (i ? at - (all[i - 1] ?? 0) : 0));
    assert.ok(gaps.includes(450) && gaps.includes(1_700), `gaps ${gaps}`);
    assert.ok(reads.length <= 60, `${reads.length} reads in the first minute after the card`);
    watcher.close();
  });

  test('the card-submitted hint is taken once: repeating it reads no more', async () => {
    const { reads, watcher, listen, created } = setUp();
    await created();
    watcher.subscribe(ID, listen);
    watcher.cardSubmitted(ID);
    for (let i = 0; i < 20; i++) watcher.cardSubmitted(ID);
    await advance(1_000);
    assert.ok(reads.length <= 5, `${reads.length} reads`);
    watcher.close();
  });

  test('failed reads back off from the phase’s pace, and honour Retry-After', async () => {
    const { state, reads, watcher, listen, created } = setUp();
    await created();
    watcher.subscribe(ID, listen);
    watcher.cardSubmitted(ID);
    state.failWith = new SmartPayError('busy', { operation: 'getToken', statusCode: 503 });
    await advance(6_100);
    const gaps = reads.map((at, i) => (i ? at - (reads[i - 1] ?? 0) : at));
    // Doubling from the pace: 250 ms until 2 s after the card, then from 450 ms (450 · 2³).
    assert.deepEqual(gaps, [250, 250, 500, 1_000, 3_600], `reads ${reads}`);
    state.failWith = undefined;
    await advance(8_100); // the next read, 8 s after the last, succeeds: the pace is back to 1.8 s
    state.failWith = new SmartPayError('slow down', {
      operation: 'getToken',
      statusCode: 429,
      retryAfterMs: 20_000,
    });
    await advance(2_000);
    const count = reads.length;
    const refusedAt = reads.at(-1) ?? 0; // this read answered 429
    await advance(25_000);
    assert.equal(reads.length, count + 1, 'one read in 25 s');
    assert.ok((reads.at(-1) ?? 0) - refusedAt >= 20_000, 'not before Retry-After');
    watcher.close();
  });

  test('nobody listening and no card: the follow stops after idleStopMs; once the card is in it goes on', async () => {
    const { reads, watcher, listen, created } = setUp();
    await created();
    const leave = watcher.subscribe(ID, listen);
    leave();
    await advance(11_000);
    assert.equal(watcher.following, 0);
    watcher.cardSubmitted(ID); // e.g. the widget's page was closed right after the form resolved
    await advance(1_000);
    assert.equal(watcher.following, 1);
    assert.ok(reads.length >= 3, `${reads.length} reads`);
    watcher.close();
  });
});
