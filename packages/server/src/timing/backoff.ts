/**
 * @module
 * The server's one backoff: capped exponential growth with jitter, and an abortable sleep. Every
 * wait that grows after a failure (SmartPay retries, failed status reads, the read budget after a
 * 429, a duplicate create waiting for the first) takes its delay from here.
 */
import { setTimeout as wait } from 'node:timers/promises';
import { followAbort } from '../smartpay/abort-link.js';

export interface BackoffPolicy {
  /** The wait after the first failure, before jitter. */
  readonly initialMs: number;
  /** No wait grows beyond this, before jitter. */
  readonly maxMs: number;
  /** Growth per failure (default 2). */
  readonly factor?: number;
  /**
   * The share of each wait that is random: 0.5 waits 50–100 % of the base (so many clients do not
   * retry in step), 0 always the base. Default 0.5.
   */
  readonly jitter?: number;
}

/** The wait after failure number `attempt` (0 for the first): `min(max, initial * factor^attempt)`, jittered down. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxMs, policy.initialMs * (policy.factor ?? 2) ** Math.max(0, attempt));
  const jitter = policy.jitter ?? 0.5;
  return Math.round(base * (1 - jitter + jitter * random()));
}

/**
 * Waits `ms`, or rejects with the signal's reason when it aborts first. The signal may be long-lived
 * (the server's shutdown signal): it is followed through one shared listener, never one per sleep.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return wait(ms);
  const local = new AbortController();
  const unfollow = followAbort(signal, (reason) => local.abort(reason));
  try {
    await wait(ms, undefined, { signal: local.signal });
  } catch (error) {
    if (local.signal.aborted) throw local.signal.reason;
    throw error;
  } finally {
    unfollow();
  }
}
