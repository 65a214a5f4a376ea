/**
 * @module
 * One HTTP exchange with SmartPay under a deadline: the answer's status, `Retry-After` and body
 * text, or a typed connection/timeout error that says whether the request could have left.
 */
import { followAbort } from './abort-link.js';
import { SmartPayConnectionError, type SmartPayOperation, SmartPayTimeoutError } from './errors.js';
import { parseRetryAfter } from './retry.js';

/**
 * Error codes raised before a single byte of the request is written: the socket never connected.
 * A reset, a broken pipe or a closed socket may come after the request was sent, so they are not here.
 */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** What {@link exchange} reads of an answer: a fetch Response has it, and so does {@link ConnectionPool}'s lighter `send`. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** One HTTP request with a string body: `fetch` is one, and so is {@link ConnectionPool}'s `send`. */
export type HttpSend = (
  url: string,
  init: {
    method: string;
    headers?: Record<string, string>;
    body?: string;
    signal: AbortSignal;
  },
) => Promise<HttpAnswer>;

export interface Exchange {
  status: number;
  retryAfterMs: number | undefined;
  bodyText: string;
}

/** Every `code` found on an error, its `cause` chain and aggregated errors (undici nests them). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...errorCodes(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : []),
  ];
}

/** True when the failure provably happened before the request left this process. */
export function provablyNotSent(error: unknown): boolean {
  const codes = errorCodes(error);
  return codes.length > 0 && codes.every((code) => NEVER_SENT_CODES.has(code));
}

/**
 * Sends one request and reads the whole answer within `timeoutMs`. The deadline covers the body
 * too, and is enforced here as well as through the signal, so a fetch that ignores signals
 * still cannot hang the caller. The caller's signal (often the server's process-long shutdown
 * signal) is followed through {@link followAbort}: one listener however many calls are in flight,
 * and nothing left on it when a call ends.
 */
export async function exchange(
  send: HttpSend,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  options: {
    operation: SmartPayOperation;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    now: () => number;
  },
): Promise<Exchange> {
  const controller = new AbortController();
  let stop: (reason: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const abort = (reason: unknown) => {
    controller.abort(reason);
    stop(reason);
  };
  const timer = setTimeout(() => {
    abort(
      new SmartPayTimeoutError(`SmartPay did not answer within ${options.timeoutMs} ms`, {
        operation: options.operation,
      }),
    );
  }, options.timeoutMs);
  const unfollow = options.signal ? followAbort(options.signal, abort) : undefined;
  try {
    const work = (async () => {
      const response = await send(url, { ...init, signal: controller.signal });
      const bodyText = await response.text();
      return {
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()),
        bodyText,
      };
    })();
    // The losing promise may still reject later; it has nobody to tell.
    work.catch(() => {});
    return await Promise.race([work, stopped]);
  } catch (error) {
    if (error instanceof SmartPayTimeoutError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (controller.signal.aborted) throw controller.signal.reason;
    throw new SmartPayConnectionError('SmartPay could not be reached', {
      operation: options.operation,
      requestSent: !provablyNotSent(error),
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    unfollow?.();
    stopped.catch(() => {});
  }
}
