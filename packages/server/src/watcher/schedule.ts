/** How the status watcher paces its questions to SmartPay. */
export interface WatchSchedule {
  /**
   * Waits between polls, in order; the last repeats. The count starts over whenever the status
   * changes, because one change (the card was accepted) is soon followed by the next (ACTIVE).
   */
  readonly delaysMs: readonly number[];
  /** Each wait is varied by up to this fraction either way, so pollers drift apart. */
  readonly jitter: number;
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
 * 1, 1, 2, 2, 3, 5, 8, 13 s, then every 15 s; for at most 35 minutes (SmartPay's payment form
 * expires after 30, so the ERROR it then reports is still seen).
 */
export const DEFAULT_WATCH_SCHEDULE: WatchSchedule = {
  delaysMs: [1_000, 1_000, 2_000, 2_000, 3_000, 5_000, 8_000, 13_000, 15_000],
  jitter: 0.1,
  maxFollowMs: 35 * 60_000,
  freshForMs: 1_000,
  idleStopMs: 10_000,
  heartbeatMs: 15_000,
  leaseMs: 60_000,
};

/** The wait before poll number `poll` (0 for the first after a change). */
export function pollDelay(schedule: WatchSchedule, poll: number, random: () => number): number {
  const delays = schedule.delaysMs;
  const base = delays[Math.min(poll, delays.length - 1)] ?? 1_000;
  return Math.max(0, Math.round(base * (1 + schedule.jitter * (2 * random() - 1))));
}
