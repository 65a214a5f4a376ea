/**
 * @module
 * When to try a SmartPay call again, and how long to wait: the server's backoff (capped
 * exponential with jitter, as stripe-node does), never shorter than SmartPay's `Retry-After`.
 */
import { backoffDelay } from '../timing/backoff.js';

export interface RetryPolicy {
  /** Retries after the first attempt. Default 2 (three attempts in all). */
  maxRetries: number;
  /** Backoff before the first retry, before jitter. Default 500 ms. */
  initialDelayMs: number;
  /** Backoff cap, before jitter. Default 5 s. */
  maxDelayMs: number;
  /** The longest `Retry-After` the client waits for; a longer one ends the retries. Default 10 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 10_000,
};

/**
 * The wait before a retry, honouring `Retry-After`; undefined when SmartPay asks for a longer
 * wait than the policy allows (the caller gives up and reports it instead).
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return undefined;
  const backoff = backoffDelay(retry, { initialMs: policy.initialDelayMs, maxMs: policy.maxDelayMs }, random);
  return Math.max(backoff, retryAfterMs ?? 0);
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 10.2.3); undefined if unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
