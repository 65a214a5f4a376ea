/**
 * The Standard Webhooks retry schedule: the delay before each attempt of one round, the first at
 * once. After the last one fails, the delivery has failed (a redelivery starts a new round).
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** How long one attempt may take, answer included. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 15_000;

/** A receiver's Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * When the next attempt is due after attempt `step` (0 for the first of a round) failed at `at`,
 * or undefined when the round is over. A Retry-After later than the schedule wins.
 */
export function nextAttemptAt(step: number, at: number, retryAfterMs?: number): number | undefined {
  const delay = WEBHOOK_RETRY_SCHEDULE_MS[step + 1];
  if (delay === undefined) return undefined;
  return at + Math.max(delay, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/** A Retry-After header (seconds or an HTTP date) in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
