/**
 * @module
 * The server's budget of status reads to SmartPay: never more than `perSecond` in any second,
 * however many tokens are pending. Reads wait their turn in arrival order (each token has at most
 * one read waiting, so the order is fair between tokens); urgent reads (tokens whose card was just
 * submitted, where a shopper is watching) go first, but never take every turn. A 429 from SmartPay
 * stops every read until its Retry-After, or a backoff that grows while 429s go on.
 *
 * When the budget binds, with `n` tokens wanting reads, each gets one every `n / perSecond` s
 * (urgent ones every `u / (perSecond · 3/4)` s among `u` urgent tokens).
 */
import { backoffDelay } from '../timing/backoff.js';
import { followAbort } from './abort-link.js';

export interface ReadBudgetOptions {
  /** Reads allowed in any one second (any sliding 1,000 ms window). */
  perSecond: number;
  now?: () => number;
}

export interface ReadBudget {
  /** Resolves when one read may be sent now; rejects with the signal's reason if it aborts first. */
  take(options?: { urgent?: boolean; signal?: AbortSignal | undefined }): Promise<void>;
  /** What SmartPay answered a read: a 429 pauses every read. */
  answered(status: number | undefined, retryAfterMs?: number): void;
  /** Reads waiting for their turn. */
  readonly waiting: number;
}

/** Out of every this many turns, one goes to a non-urgent read when one waits. */
const URGENT_SHARE = 4;
/** Without Retry-After, a 429 pauses reads 1 s, then 2, 4 … up to 30 s. */
const PAUSE_AFTER_429 = { initialMs: 1_000, maxMs: 30_000, jitter: 0.2 } as const;

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  cancel?: () => void;
  done: boolean;
}

/** A FIFO that does not shift arrays of thousands. */
class Queue {
  private items: (Waiter | undefined)[] = [];
  private head = 0;
  push(waiter: Waiter) {
    this.items.push(waiter);
  }
  /** The next waiter still waiting, removed. */
  shift(): Waiter | undefined {
    while (this.head < this.items.length) {
      const waiter = this.items[this.head];
      this.items[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      if (waiter && !waiter.done) return waiter;
    }
    return undefined;
  }
  get length() {
    return this.items.length - this.head;
  }
}

export function createReadBudget(options: ReadBudgetOptions): ReadBudget {
  const perSecond = Math.max(1, Math.floor(options.perSecond));
  const now = options.now ?? Date.now;
  /** When each of the last `perSecond` reads was granted, oldest at `oldest`. */
  const granted = new Array<number>(perSecond).fill(Number.NEGATIVE_INFINITY);
  let oldest = 0;
  const urgent = new Queue();
  const normal = new Queue();
  let urgentInARow = 0;
  let pausedUntil = 0;
  let tooManyInARow = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let waitingCount = 0;

  /** When the next read may go: a second after the oldest of the last `perSecond`, and not while paused. */
  const nextSlotAt = () => Math.max(pausedUntil, (granted[oldest] ?? 0) + 1_000);

  function next(): Waiter | undefined {
    if (urgentInARow < URGENT_SHARE - 1 || normal.length === 0) {
      const waiter = urgent.shift();
      if (waiter) {
        urgentInARow++;
        return waiter;
      }
    }
    urgentInARow = 0;
    return normal.shift() ?? urgent.shift();
  }

  function pump(): void {
    for (;;) {
      if (waitingCount === 0) return;
      const at = nextSlotAt();
      const t = now();
      if (at > t) {
        arm(at - t, at);
        return;
      }
      const waiter = next();
      if (!waiter) return;
      granted[oldest] = t;
      oldest = (oldest + 1) % perSecond;
      settle(waiter);
      waiter.resolve();
    }
  }

  function arm(delay: number, at: number): void {
    if (timer !== undefined && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      pump();
    }, delay);
  }

  function settle(waiter: Waiter): void {
    waiter.done = true;
    waitingCount--;
    waiter.cancel?.();
  }

  return {
    take({ urgent: isUrgent = false, signal } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, done: false };
        if (signal) {
          // Often the server's process-long shutdown signal: one shared listener, not one per read.
          waiter.cancel = followAbort(signal, (reason) => {
            if (waiter.done) return;
            settle(waiter);
            reject(reason);
          });
        }
        waitingCount++;
        (isUrgent ? urgent : normal).push(waiter);
        pump();
      });
    },
    answered(status, retryAfterMs) {
      if (status !== 429) {
        tooManyInARow = 0;
        return;
      }
      const pause = retryAfterMs ?? backoffDelay(tooManyInARow, PAUSE_AFTER_429);
      tooManyInARow++;
      pausedUntil = Math.max(pausedUntil, now() + pause);
      if (waitingCount > 0) arm(pausedUntil - now(), pausedUntil);
    },
    get waiting() {
      return waitingCount;
    },
  };
}
