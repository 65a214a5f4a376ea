/** The watcher's read schedule and the server's backoff, as plain tables: given a phase and history, the wait. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay, sleep } from '../src/timing/backoff.ts';
import {
  DEFAULT_WATCH_SCHEDULE,
  nextReadDelay,
  type ReadHistory,
  readInterval,
} from '../src/watcher/schedule.ts';

const plain = { ...DEFAULT_WATCH_SCHEDULE, jitter: 0 };
const middle = () => 0.5;
const T = 1_000_000; // "now" in every row

/** Mulberry32: the same jitter draws on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('the read schedule', () => {
  test('the pace by phase: rare before the card, fast just after it, then slower', () => {
    const rows: [submittedAgoMs: number | undefined, everyMs: number][] = [
      [undefined, 5_000],
      [0, 250],
      [1_999, 250],
      [2_000, 450],
      [9_999, 450],
      [10_000, 1_700],
      [5 * 60_000 - 1, 1_700],
      [5 * 60_000, 10_000],
      [30 * 60_000, 10_000],
    ];
    for (const [ago, every] of rows) {
      assert.equal(readInterval(plain, ago === undefined ? undefined : T - ago, T), every, `${ago}`);
    }
  });

  test('the next read: one interval after the last, never in the past, never before Retry-After', () => {
    const rows: [history: ReadHistory, delayMs: number][] = [
      // waiting for the shopper, just read: 5 s
      [{ submittedAt: undefined, lastReadAt: T, failures: 0 }, 5_000],
      // waiting, read 3 s ago: 2 s more
      [{ submittedAt: undefined, lastReadAt: T - 3_000, failures: 0 }, 2_000],
      // waiting, last read long ago (a resumed token): now
      [{ submittedAt: undefined, lastReadAt: 0, failures: 0 }, 0],
      // the widget just said the card is in, last read 4 s ago: now
      [{ submittedAt: T, lastReadAt: T - 4_000, failures: 0 }, 0],
      // submitted 1 s ago, just read: 250 ms
      [{ submittedAt: T - 1_000, lastReadAt: T, failures: 0 }, 250],
      // submitted 5 s ago, read 100 ms ago: 350 ms
      [{ submittedAt: T - 5_000, lastReadAt: T - 100, failures: 0 }, 350],
      // submitted 30 s ago, just read: 1.7 s
      [{ submittedAt: T - 30_000, lastReadAt: T, failures: 0 }, 1_700],
      // failures back off from the phase's pace: 250, 500, 1000 … up to 30 s
      [{ submittedAt: T - 1_000, lastReadAt: T, failures: 1 }, 250],
      [{ submittedAt: T - 1_000, lastReadAt: T, failures: 3 }, 1_000],
      [{ submittedAt: T - 1_000, lastReadAt: T, failures: 20 }, 30_000],
      [{ submittedAt: undefined, lastReadAt: T, failures: 2 }, 10_000],
      // SmartPay asked for 7 s: 7 s, however fast the phase
      [{ submittedAt: T - 1_000, lastReadAt: T, failures: 1, retryAfterMs: 7_000 }, 7_000],
    ];
    for (const [history, delay] of rows) {
      assert.equal(nextReadDelay(plain, history, T, middle), delay, JSON.stringify(history));
    }
  });

  test('jitter varies each wait by at most ±10 %', () => {
    const history = { submittedAt: undefined, lastReadAt: T, failures: 0 };
    assert.equal(
      nextReadDelay(DEFAULT_WATCH_SCHEDULE, history, T, () => 0),
      4_500,
    );
    assert.equal(
      nextReadDelay(DEFAULT_WATCH_SCHEDULE, history, T, () => 1),
      5_500,
    );
  });

  test('a token final 60 s after its card was submitted costs at most 60 reads, the first one included', () => {
    /** From the read when the card is submitted (at T) to the first at or after 60 s, which sees the final status. */
    const readsOf60sToken = (random: () => number) => {
      let reads = 1;
      for (let at = T; at < T + 60_000; reads++) {
        at += nextReadDelay(
          DEFAULT_WATCH_SCHEDULE,
          { submittedAt: T, lastReadAt: at, failures: 0 },
          at,
          random,
        );
      }
      return reads;
    };
    // Without jitter: 1 + 8 to 2 s + 17 to 10 s + 30 to 60 s + the one that sees the final status.
    assert.equal(readsOf60sToken(middle), 1 + 8 + 17 + 30 + 1);
    const random = seededRandom(14);
    const counts = Array.from({ length: 2_000 }, () => readsOf60sToken(random));
    assert.ok(Math.max(...counts) <= 60, `${Math.max(...counts)} reads`);
    assert.ok(
      Math.min(...counts) >= 45,
      `${Math.min(...counts)} reads: the goal is met by reading fast, not by reading little`,
    );
  });
});

describe('the backoff', () => {
  test('exponential from the initial wait, capped, jittered down by up to half', () => {
    const policy = { initialMs: 100, maxMs: 1_000 };
    const rows: [attempt: number, random: number, ms: number][] = [
      [0, 1, 100],
      [0, 0, 50],
      [1, 1, 200],
      [3, 1, 800],
      [4, 1, 1_000],
      [50, 0.5, 750],
    ];
    for (const [attempt, random, ms] of rows) {
      assert.equal(
        backoffDelay(attempt, policy, () => random),
        ms,
        `${attempt}, ${random}`,
      );
    }
    assert.equal(backoffDelay(2, { initialMs: 25, maxMs: 250, factor: 1.5, jitter: 0 }), 56);
  });

  test('the sleep ends early with the reason when its signal aborts, and leaves no listener', async () => {
    const shutdown = new AbortController();
    const sleeping = Array.from({ length: 20 }, () => sleep(60_000, shutdown.signal));
    shutdown.abort(new Error('stopping'));
    for (const s of sleeping) await assert.rejects(s, /stopping/);
    await sleep(1, new AbortController().signal);
  });
});
