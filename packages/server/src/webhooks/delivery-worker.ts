/**
 * @module
 * The webhook delivery worker. Every instance may run one: deliveries are claimed in the store
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so each goes to one worker at a time. It wakes when
 * new deliveries are committed (NOTIFY, on any instance) and when the earliest retry is due, never
 * in a busy loop; each wake-up sends at most a bounded number of batches.
 */
import type { WebhookEvent } from '@smartpay/contract';
import type { Logger } from '../logging/logger.js';
import type { TokenStore } from '../store/token-store.js';
import type { ClaimedDelivery, OutboxEvent, WebhookAttempt } from '../store/webhook-outbox.js';
import type { WebhookEndpoint } from './endpoints.js';
import { nextAttemptAt, parseRetryAfter, WEBHOOK_ATTEMPT_TIMEOUT_MS } from './retry-schedule.js';
import { signWebhook } from './signing.js';

export interface WebhookWorkerOptions {
  store: TokenStore;
  endpoints: readonly WebhookEndpoint[];
  logger: Logger;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Per attempt, answer included (15 s). */
  timeoutMs?: number;
  now?: () => number;
  /** Deliveries claimed at once (10); sent in parallel, one token's events in order. */
  batch?: number;
}

export interface WebhookWorker {
  /** Delivers what is due, then sleeps until the next delivery is due or new ones are committed. */
  start(): void;
  /** Sends every delivery due now (at most a bounded number of batches); resolves to how many were sent. */
  runDue(): Promise<number>;
  /** Stops the loop; attempts in flight finish and are recorded. */
  close(): Promise<void>;
}

/** Batches per wake-up at most; a wake-up that fills them all wakes again at once. */
const MAX_BATCHES = 20;
/** The longest sleep: another instance's lapsed claims and newly registered endpoints are seen within it. */
const MAX_SLEEP_MS = 60_000;
/** How often a running worker registers its endpoints again: the store retires an endpoint none registers. */
const REGISTER_EVERY_MS = 60 * 60_000;

/** The body a receiver gets: the contract's event, built field by field. */
export function webhookBody(event: OutboxEvent): WebhookEvent {
  return {
    id: event.id,
    type: event.type,
    createdAt: new Date(event.createdAt).toISOString(),
    data: {
      tokenId: event.tokenId,
      accountReferenceId: event.accountReferenceId,
      status: event.status,
      card: event.card,
    },
  };
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_ATTEMPT_TIMEOUT_MS;
  const batch = options.batch ?? 10;
  const bySecretUrl = new Map(options.endpoints.map((endpoint) => [endpoint.url, endpoint]));
  const urls = [...bySecretUrl.keys()];
  // A claim outlives the attempt, so no other worker sends it meanwhile.
  const leaseMs = timeoutMs + 30_000;

  let closed = false;
  let running: Promise<number> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopHearing = () => {};
  let started = false;
  /** When this worker last registered its endpoints (undefined: not yet, or it failed). */
  let registeredAt: number | undefined;

  /** Tells the store this instance delivers to its endpoints now. */
  function register(): Promise<void> {
    const at = now();
    return store.registerWebhookEndpoints(urls, at).then(
      () => {
        registeredAt = at;
      },
      (error: unknown) => {
        logger.warn('webhook.register_failed', { error: error instanceof Error ? error.name : 'unknown' });
      },
    );
  }

  /** Sends one delivery and records the attempt; returns what happens next. */
  async function attempt(delivery: ClaimedDelivery): Promise<WebhookAttempt['next']['state']> {
    const endpoint = bySecretUrl.get(delivery.endpoint);
    if (!endpoint) return 'pending';
    const body = JSON.stringify(webhookBody(delivery.event));
    const at = now();
    const started = performance.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    let retryAfterMs: number | undefined;
    try {
      const response = await fetchImpl(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'smartpay-server-webhooks',
          ...signWebhook(endpoint.secrets, delivery.event.id, new Date(at), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      httpStatus = response.status;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), at);
      await response.body?.cancel().catch(() => {});
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (failure) {
      const name = failure instanceof Error ? failure.name : 'unknown';
      error = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `request failed (${name})`;
    }
    const durationMs = performance.now() - started;
    let next: WebhookAttempt['next'];
    if (error === null) next = { state: 'delivered' };
    else if (httpStatus === 410) next = { state: 'endpoint_gone' };
    else {
      const due = nextAttemptAt(delivery.step, at, retryAfterMs);
      next = due === undefined ? { state: 'failed' } : { state: 'pending', at: due };
    }
    await store.recordWebhookAttempt({
      eventId: delivery.event.id,
      endpoint: delivery.endpoint,
      at,
      durationMs,
      httpStatus,
      error,
      next,
    });
    const fields = {
      eventId: delivery.event.id,
      type: delivery.event.type,
      endpoint: new URL(endpoint.url).origin,
      attempt: delivery.attempts + 1,
      httpStatus: httpStatus ?? 0,
      durationMs: Math.round(durationMs),
      next: next.state,
    };
    if (error === null) logger.info('webhook.delivered', fields);
    else logger.warn('webhook.attempt_failed', { ...fields, error });
    return next.state;
  }

  /**
   * One token's events to one endpoint go in order; the rest in parallel. After a 410 nothing
   * more goes to that endpoint (what was claimed stays pending, for when it is enabled again).
   */
  async function send(deliveries: readonly ClaimedDelivery[]): Promise<void> {
    const gone = new Set<string>();
    const lanes = new Map<string, ClaimedDelivery[]>();
    for (const delivery of deliveries) {
      const lane = `${delivery.endpoint} ${delivery.event.tokenId}`;
      lanes.set(lane, [...(lanes.get(lane) ?? []), delivery]);
    }
    await Promise.all(
      [...lanes.values()].map(async (lane) => {
        for (const delivery of lane) {
          if (gone.has(delivery.endpoint)) continue;
          const next = await attempt(delivery).catch((error: unknown) => {
            logger.warn('webhook.record_failed', { error: error instanceof Error ? error.name : 'unknown' });
          });
          if (next === 'endpoint_gone') gone.add(delivery.endpoint);
        }
      }),
    );
  }

  async function drain(): Promise<number> {
    if (started && (registeredAt === undefined || now() - registeredAt >= REGISTER_EVERY_MS))
      await register();
    let sent = 0;
    for (let round = 0; round < MAX_BATCHES && !closed; round++) {
      const due = await store.claimWebhookDeliveries({ endpoints: urls, now: now(), leaseMs, limit: batch });
      if (due.length === 0) break;
      await send(due);
      sent += due.length;
      if (round === MAX_BATCHES - 1) again = true;
    }
    return sent;
  }

  function runDue(): Promise<number> {
    if (urls.length === 0) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let sent = 0;
      try {
        do {
          again = false;
          sent += await drain();
        } while (again && !closed);
      } finally {
        running = undefined;
      }
      return sent;
    })();
    return running;
  }

  async function wake(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    try {
      await runDue();
    } catch (error) {
      logger.warn('webhook.worker_failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
    if (closed) return;
    let sleep = MAX_SLEEP_MS;
    try {
      const due = await store.nextWebhookDueAt(urls);
      if (due !== undefined) sleep = Math.min(MAX_SLEEP_MS, Math.max(0, due - now()));
    } catch {
      // the store is unreachable: try again after the longest sleep
    }
    if (closed || timer) return;
    timer = setTimeout(() => void wake(), Math.max(sleep, 10));
    timer.unref?.();
  }

  return {
    start() {
      if (urls.length === 0 || closed) return;
      started = true;
      stopHearing = store.onWebhookDue(() => void wake());
      // The first wake-up registers the endpoints (and again while that fails).
      void wake();
    },
    runDue,
    async close() {
      closed = true;
      clearTimeout(timer);
      stopHearing();
      await running?.catch(() => {});
    },
  };
}
