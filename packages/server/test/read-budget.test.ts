/** The global budget of SmartPay reads, on a fake clock. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { createReadBudget } from '../src/smartpay/read-budget.ts';

const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function advance(ms: number, step = 10) {
  for (let done = 0; done < ms; done += step) {
    mock.timers.tick(step);
    await flush();
  }
}

/** The most grants in any window of `windowMs` (grants at `t` and `t + windowMs` are in different windows). */
function busiestWindow(times: number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the read budget', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  test('1,000 pending tokens: never more than the budget in any second, every token served in turn', async () => {
    const budget = createReadBudget({ perSecond: 50 });
    const grants: { token: number; at: number }[] = [];
    // Each token reads again as soon as it is served, as a poller at full speed would.
    const poll = async (token: number, reads: number) => {
      for (let i = 0; i < reads; i++) {
        await budget.take({ urgent: false });
        grants.push({ token, at: Date.now() });
      }
    };
    const pollers = Array.from({ length: 1_000 }, (_, token) => poll(token, 3));
    await flush(); // the first 50 were granted at once
    await advance(61_000, 20);
    await Promise.all(pollers);
    assert.equal(grants.length, 3_000);
    assert.equal(busiestWindow(grants.map((g) => g.at)), 50);
    // Fair: every token's first read comes before any token's second.
    const firstRounds = grants.slice(0, 1_000).map((g) => g.token);
    assert.equal(new Set(firstRounds).size, 1_000);
    assert.ok((grants.at(-1)?.at ?? 0) >= 59_000, 'the budget binds: 3,000 reads take a minute');
  });

  test('urgent reads go first but leave every fourth turn to the others', async () => {
    const budget = createReadBudget({ perSecond: 10 });
    const order: string[] = [];
    const waits = [
      ...Array.from({ length: 20 }, () => budget.take().then(() => order.push('n'))),
      ...Array.from({ length: 20 }, () => budget.take({ urgent: true }).then(() => order.push('u'))),
    ];
    await advance(5_000);
    await Promise.all(waits);
    // The first 10 went at once, in arrival order (all normal, the urgent ones came later).
    assert.equal(order.slice(0, 10).join(''), 'nnnnnnnnnn');
    assert.equal(order.slice(10, 26).join(''), 'uuunuuunuuunuuun');
  });

  test('a 429 pauses every read for its Retry-After; without one, a growing backoff', async () => {
    const budget = createReadBudget({ perSecond: 100 });
    await budget.take();
    budget.answered(429, 3_000);
    let at = -1;
    void budget.take().then(() => {
      at = Date.now();
    });
    await advance(2_900);
    assert.equal(at, -1);
    await advance(200);
    assert.equal(at, 3_000);
    budget.answered(200); // a good answer ends the run of 429s
    budget.answered(429); // no Retry-After: 1 s at most (jittered down by up to 20 %)
    budget.answered(429); // then up to 2 s
    const started = Date.now();
    let second = -1;
    void budget.take().then(() => {
      second = Date.now() - started;
    });
    await flush();
    await advance(2_100);
    assert.ok(second >= 1_600 && second <= 2_010, `${second}`);
    budget.answered(200);
  });

  test('an aborted wait leaves its turn to the next', async () => {
    const budget = createReadBudget({ perSecond: 1 });
    await budget.take();
    const gone = new AbortController();
    const first = budget.take({ signal: gone.signal });
    const second = budget.take();
    gone.abort(new Error('shutdown'));
    await assert.rejects(first, /shutdown/);
    assert.equal(budget.waiting, 1);
    await advance(1_000);
    await second;
    assert.equal(budget.waiting, 0);
  });
});
