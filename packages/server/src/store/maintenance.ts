/**
 * @module
 * The store's housekeeping for one instance: renews the leases the instance holds (its creates in
 * flight and its pollers) every third of a lease, and sweeps expired idempotency keys (24 h after
 * first use), lapsed leases, old rate-limit buckets and webhook events past retention (with their
 * deliveries and attempts, once every delivery is final) every minute, in bounded batches.
 */
import type { Logger } from '../logging/logger.js';
import type { TokenStore } from './token-store.js';

export interface MaintenanceOptions {
  store: TokenStore;
  instanceId: string;
  leaseMs: number;
  logger: Logger;
  /** How often the sweep runs (60 s). */
  sweepEveryMs?: number;
  /** Rows deleted per statement (1000); a sweep runs statements until fewer are left. */
  sweepBatch?: number;
  /** Webhook events are kept this long, and until every delivery is final (30 days). */
  webhookRetentionMs?: number;
  now?: () => number;
}

/** At most this many batches per sweep, so a sweep never holds the database for long. */
const MAX_BATCHES_PER_SWEEP = 20;

/** Starts the loops; returns the function that stops them. */
export function startMaintenance(options: MaintenanceOptions): () => void {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const batch = options.sweepBatch ?? 1_000;
  let sweeping = false;
  const sweepOptions =
    options.webhookRetentionMs === undefined ? {} : { webhookRetentionMs: options.webhookRetentionMs };

  const renew = setInterval(
    () => {
      store.renewLeases(options.instanceId, now(), options.leaseMs).catch((error: unknown) => {
        logger.warn('store.renew_failed', { error: error instanceof Error ? error.name : 'unknown' });
      });
    },
    Math.max(10, options.leaseMs / 3),
  );

  const sweep = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (let round = 0; round < MAX_BATCHES_PER_SWEEP; round++) {
        const removed = await store.sweep(now(), batch, sweepOptions);
        const counts = [
          removed.idempotencyKeys,
          removed.watchLeases,
          removed.rateLimitBuckets,
          removed.webhookEvents,
          removed.retiredDeliveries,
        ];
        if (counts.some((count) => count > 0)) logger.debug('store.swept', { ...removed });
        if (Math.max(...counts) < batch) break;
      }
    } catch (error) {
      logger.warn('store.sweep_failed', { error: error instanceof Error ? error.name : 'unknown' });
    } finally {
      sweeping = false;
    }
  }, options.sweepEveryMs ?? 60_000);

  renew.unref();
  sweep.unref();
  return () => {
    clearInterval(renew);
    clearInterval(sweep);
  };
}
