/**
 * @module
 * One HTTP exchange with SmartPay under a deadline: the answer's status, `Retry-After` and body
 * text, or a typed connection/timeout error that says whether the request could have left.
 */
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
 * still cannot hang the caller.
 */
export async function exchange(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  options: {
    operation: SmartPayOperation;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    now: () => number;
  },
): Promise<Exchange> {
  const deadline = new AbortController();
  const signals = options.signal ? [deadline.signal, options.signal] : [deadline.signal];
  const signal = AbortSignal.any(signals);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new SmartPayTimeoutError(`SmartPay did not answer within ${options.timeoutMs} ms`, {
        operation: options.operation,
      });
      deadline.abort(error);
      reject(error);
    }, options.timeoutMs);
  });
  let onAbort: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    const caller = options.signal;
    if (!caller) return;
    onAbort = () => reject(caller.reason);
    caller.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const work = (async () => {
      const response = await fetchImpl(url, { ...init, signal });
      const bodyText = await response.text();
      return {
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()),
        bodyText,
      };
    })();
    // The losing promise may still reject later; it has nobody to tell.
    work.catch(() => {});
    return await Promise.race([work, timedOut, cancelled]);
  } catch (error) {
    if (error instanceof SmartPayTimeoutError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.signal.aborted) throw deadline.signal.reason;
    throw new SmartPayConnectionError('SmartPay could not be reached', {
      operation: options.operation,
      requestSent: !provablyNotSent(error),
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    timedOut.catch(() => {});
    cancelled.catch(() => {});
  }
}
