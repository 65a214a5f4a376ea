/**
 * The store's housekeeping loop (timers mocked): each sweep passes the webhook retention on, and
 * goes on batch after batch while any kind filled its batch (webhook events too).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { createJsonLogger, MemoryTokenStore, type SweepOptions, type SweepResult } from '../src/index.ts';
import { startMaintenance } from '../src/store/maintenance.ts';

/** A store whose sweep reports `eventsSwept` webhook events, one count per call, and records its calls. */
class CountingStore extends MemoryTokenStore {
  readonly sweeps: { now: number; limit: number; options: SweepOptions | undefined }[] = [];
  constructor(private readonly eventsSwept: number[]) {
    super();
  }
  override async sweep(now: number, limit: number, options?: SweepOptions): Promise<SweepResult> {
    this.sweeps.push({ now, limit, options });
    return {
      idempotencyKeys: 0,
      watchLeases: 0,
      rateLimitBuckets: 0,
      webhookEvents: this.eventsSwept.shift() ?? 0,
      retiredDeliveries: 0,
    };
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

beforeEach(() => mock.timers.enable({ apis: ['setInterval'] }));
afterEach(() => mock.timers.reset());

const WEEK = 7 * 24 * 60 * 60_000;

test('a sweep passes the retention on and deletes webhook events batch after batch while batches are full', async () => {
  const store = new CountingStore([10, 10, 3, 10]);
  const logs: string[] = [];
  const stop = startMaintenance({
    store,
    instanceId: 'i',
    leaseMs: 600_000,
    logger: createJsonLogger({ sink: (line) => logs.push(line), level: 'debug' }),
    sweepEveryMs: 60_000,
    sweepBatch: 10,
    webhookRetentionMs: WEEK,
    now: () => 1_234,
  });
  try {
    mock.timers.tick(60_000);
    await settle();
    assert.equal(store.sweeps.length, 3, 'two full batches, then one that was not: the sweep ended');
    assert.deepEqual(store.sweeps[0], { now: 1_234, limit: 10, options: { webhookRetentionMs: WEEK } });
    mock.timers.tick(60_000);
    await settle();
    assert.equal(store.sweeps.length, 5, 'the next sweep, a minute later');
  } finally {
    stop();
  }
  assert.ok(
    logs.some((line) => line.includes('"webhookEvents":10')),
    'what was swept is logged',
  );
});

test('without a retention, the store’s own (30 days) applies', async () => {
  const store = new CountingStore([]);
  const stop = startMaintenance({
    store,
    instanceId: 'i',
    leaseMs: 600_000,
    logger: createJsonLogger({ sink: () => {}, level: 'error' }),
    sweepEveryMs: 60_000,
  });
  try {
    mock.timers.tick(60_000);
    await settle();
  } finally {
    stop();
  }
  assert.deepEqual(store.sweeps[0]?.options, {});
});
