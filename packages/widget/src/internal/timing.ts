/**
 * Every delay the widget waits, in one object so tests can shrink them. Retries back off
 * exponentially from `retryBase` with jitter.
 */
export const timing = {
  retryBase: 500,
  /** The longest wait between two status reads. */
  pollMax: 10_000,
  /** A status stream that sends nothing (not even its 15 s heartbeat) for this long is restarted. */
  streamIdle: 45_000,
  /** A card-form script that neither loads nor fails in this time counts as failed. */
  sdkTimeout: 20_000,
  /** The longest wait for an answer from the merchant server. */
  requestTimeout: 20_000,
  /** A create may take as long as SmartPay does: the server allows it 90 s, the widget a little more. */
  createTimeout: 100_000,
  /** How long a CORS probe may take (see api.ts). */
  probeTimeout: 5_000,
  /** After this long creating or confirming, the widget says it is still working. */
  slowAfter: 8_000,
};

/**
 * The n-th retry delay (n from 0), with ±25 % jitter so many widgets do not retry in step. Unbounded:
 * requests try three times at most (waiting ≤ 1.25 s), and the status follower caps it at `pollMax`.
 */
export const backoff = (n: number): number => timing.retryBase * 2 ** n * (0.75 + Math.random() / 2);

/** Waits `ms`, or less when `signal` aborts or `wake` fires (it never rejects: the caller sees the abort). */
export function sleep(ms: number, signal: AbortSignal, wake?: EventTarget, wakeEvent = ''): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      wake?.removeEventListener(wakeEvent, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal.aborted) return done();
    signal.addEventListener('abort', done);
    wake?.addEventListener(wakeEvent, done);
  });
}
