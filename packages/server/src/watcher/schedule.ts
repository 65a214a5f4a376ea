/**
 * @module
 * When the status watcher asks SmartPay next, decided by what is likely to happen. Before the
 * shopper submits the card nothing changes but an expiry, so reads are rare. Once the card is in
 * (the widget says so, or PROVISIONING is seen), a final status usually follows within seconds:
 * reads are fast, then slow down the longer it takes.
 */
import { backoffDelay } from '../timing/backoff.js';

/** From `sinceSubmittedMs < untilMs` on, a read every `everyMs`. */
export interface ReadStep {
  readonly untilMs: number;
  readonly everyMs: number;
}

/** How the status watcher paces its questions to SmartPay. */
export interface WatchSchedule {
  /** Between reads while the shopper has not submitted the card (PENDING_PAYMENT_FORM). */
  readonly waitingEveryMs: number;
  /**
   * After the card was submitted, by time since: the first step whose `untilMs` is not passed
   * applies; past the last one, its `everyMs`.
   */
  readonly afterSubmission: readonly ReadStep[];
  /** Each wait is varied by up to this fraction either way, so pollers drift apart. */
  readonly jitter: number;
  /** After failed reads, waits grow from the phase's pace to at most this (before Retry-After). */
  readonly maxFailureDelayMs: number;
  /** How long a token is followed, counted from its creation here; then subscribers get `timeout`. */
  readonly maxFollowMs: number;
  /** A stored status younger than this is served without asking SmartPay (reads by many tabs). */
  readonly freshForMs: number;
  /**
   * After the last subscriber leaves a token still waiting for the shopper's card, polling goes on
   * this long (a reconnect does not restart it), then stops. Once the card was submitted, polling
   * goes on until a final status or `maxFollowMs`, subscribers or not.
   */
  readonly idleStopMs: number;
  /** A `: heartbeat` comment is sent on each stream this often. */
  readonly heartbeatMs: number;
  /** The poll lease in the store: another instance may take over this long after a poller dies. */
  readonly leaseMs: number;
}

/**
 * Before submission every 5 s. After it: every 250 ms for 2 s (most cards are final within a
 * second or three), 450 ms until 10 s, 1.7 s until 5 minutes, then 10 s; for at most 35 minutes
 * (SmartPay's payment form expires after 30, so the ERROR it then reports is still seen).
 *
 * Reads of a token final 60 s after submission: the one when the card is submitted, 8 more to
 * 2 s, 17 to 10 s, 30 to 60 s (from 10.1 s: the read at 9.65 s still plans 450 ms) and the one
 * that sees the final status: 1 + 8 + 17 + 30 + 1 = 57, 55 to 59 with the jitter (its test
 * counts them). Reads before the submission add one per 5 s: none when the card comes within 5 s
 * of the create. (1.6 s instead of 1.7 would cost 59 on average, up to 61.)
 * A change is seen half an interval after it on average, plus one read: ~125 ms in the first 2 s,
 * ~225 ms until 10 s, ~850 ms later; at worst 1.1 intervals plus one read (1.9 s later).
 * All of this while the read budget does not bind: each submitted token wants 4 reads/s in its
 * first 2 s and 2.2 until 10 s, so 50 reads/s serve about 12 cards submitted at once (22 past
 * their first 2 s); beyond, each of n submitted tokens is read every n / budget s, in turn (see
 * smartpay/read-budget.ts): 61 cards submitted within 2.5 s see changes ~0.5 s late at the median.
 */
export const DEFAULT_WATCH_SCHEDULE: WatchSchedule = {
  waitingEveryMs: 5_000,
  afterSubmission: [
    { untilMs: 2_000, everyMs: 250 },
    { untilMs: 10_000, everyMs: 450 },
    { untilMs: 5 * 60_000, everyMs: 1_700 },
    { untilMs: Number.POSITIVE_INFINITY, everyMs: 10_000 },
  ],
  jitter: 0.1,
  maxFailureDelayMs: 30_000,
  maxFollowMs: 35 * 60_000,
  freshForMs: 1_000,
  idleStopMs: 10_000,
  heartbeatMs: 15_000,
  leaseMs: 60_000,
};

/** What the watcher knows of a token when it plans the next read. */
export interface ReadHistory {
  /** When the card was submitted (the widget said so, or a status past the form was first seen); undefined before. */
  readonly submittedAt: number | undefined;
  /** When SmartPay was last asked (or, for a token never read, when it was created). */
  readonly lastReadAt: number;
  /** Failed reads in a row. */
  readonly failures: number;
  /** The wait SmartPay asked for with its last failure (Retry-After). */
  readonly retryAfterMs?: number;
}

/** The pace of reads at `now`: every how many ms, before jitter. */
export function readInterval(schedule: WatchSchedule, submittedAt: number | undefined, now: number): number {
  if (submittedAt === undefined) return schedule.waitingEveryMs;
  const since = now - submittedAt;
  const steps = schedule.afterSubmission;
  const step = steps.find((s) => since < s.untilMs) ?? steps.at(-1);
  return step?.everyMs ?? schedule.waitingEveryMs;
}

/**
 * How long from `now` until the next read: one interval after the last read, at the pace of the
 * phase the token will be in then; after failures, the backoff from that pace (never shorter than
 * Retry-After). Never negative.
 */
export function nextReadDelay(
  schedule: WatchSchedule,
  history: ReadHistory,
  now: number,
  random: () => number,
): number {
  const every = readInterval(schedule, history.submittedAt, now);
  const spread = 1 + schedule.jitter * (2 * random() - 1);
  let delay = history.lastReadAt + every * spread - now;
  if (history.failures > 0) {
    const policy = { initialMs: every, maxMs: Math.max(every, schedule.maxFailureDelayMs), jitter: 0 };
    delay = Math.max(delay, backoffDelay(history.failures - 1, policy) * spread);
  }
  return Math.max(0, Math.round(delay), history.retryAfterMs ?? 0);
}
