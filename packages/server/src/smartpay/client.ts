/**
 * @module
 * The SmartPay network-token API client: Basic auth and the headers the API page requires, a
 * timeout on every call, retries where they are safe, typed errors.
 */
import { type NetworkToken, networkTokenSchema, type TokenRequest } from '@smartpay/contract';
import { SERVER_VERSION } from '../version.js';
import {
  SmartPayConnectionError,
  SmartPayError,
  SmartPayMalformedResponseError,
  type SmartPayOperation,
  SmartPayTimeoutError,
} from './errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './retry.js';
import { exchange } from './transport.js';

/** Default timeout of one call, body included: long enough for a slow issuer, short enough for a shopper. */
export const DEFAULT_SMARTPAY_TIMEOUT_MS = 15_000;

/** One finished attempt, for logs and metrics. Holds no header, body or key. */
export interface SmartPayAttempt {
  operation: SmartPayOperation;
  /** The token read, for getToken. */
  tokenId?: string;
  /** The caller's request id, when it gave one. */
  requestId?: string;
  /** 1 for the first try. */
  attempt: number;
  /** The HTTP status, when SmartPay answered. */
  status?: number;
  durationMs: number;
  /** The error class name when the attempt failed. */
  error?: string;
  traceId?: string;
  /** The wait before the next attempt, when there is one. */
  retryInMs?: number;
}

export interface SmartPayClientOptions {
  /** e.g. `http://localhost:4010` (the sandbox). */
  baseUrl: string;
  merchantKey: string;
  authenticationKey: string;
  /** Sent as `Origin`: the merchant's site as registered with SmartPay. */
  origin: string;
  userAgent?: string;
  /** Default: the global fetch. Tests pass the sandbox's in-process fetch. */
  fetch?: typeof fetch;
  /** Per attempt, answer body included. Default {@link DEFAULT_SMARTPAY_TIMEOUT_MS}. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Called after every attempt. */
  onAttempt?: (attempt: SmartPayAttempt) => void;
  /** Seams for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Carried into the attempt events, so log lines of one request can be joined. */
  requestId?: string;
}

export interface SmartPayClient {
  /**
   * POST /network-tokens. Retried only when the request provably never reached SmartPay, since
   * SmartPay documents no idempotency: any other failure may have created a token.
   */
  createToken(request: TokenRequest, options?: CallOptions): Promise<NetworkToken>;
  /** GET /network-tokens/{tokenId}. Retried on connection errors, timeouts, 429, 5xx and unreadable answers. */
  getToken(tokenId: string, options?: CallOptions): Promise<NetworkToken>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Whether a failed attempt may be repeated: reads always when transient, a create only when nothing left. */
function isRetryable(operation: SmartPayOperation, error: SmartPayError): boolean {
  if (operation === 'createToken') return error instanceof SmartPayConnectionError && !error.requestSent;
  if (error instanceof SmartPayConnectionError || error instanceof SmartPayTimeoutError) return true;
  if (error instanceof SmartPayMalformedResponseError) return true;
  const status = error.statusCode ?? 0;
  return status === 429 || status >= 500;
}

export function createSmartPayClient(options: SmartPayClientOptions): SmartPayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SMARTPAY_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const authorization = `Basic ${Buffer.from(`${options.merchantKey}:${options.authenticationKey}`).toString('base64')}`;
  const headers = {
    Authorization: authorization,
    // The API page lists Content-Type among the required headers of both calls.
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'Accept-Language': 'en-US',
    Origin: options.origin,
    'User-Agent':
      options.userAgent ?? `smartpay-merchant-server/${SERVER_VERSION} node/${process.versions.node}`,
  };

  async function call(
    operation: SmartPayOperation,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    callOptions: CallOptions = {},
    tokenId?: string,
  ): Promise<NetworkToken> {
    const about = {
      ...(tokenId === undefined ? {} : { tokenId }),
      ...(callOptions.requestId === undefined ? {} : { requestId: callOptions.requestId }),
    };
    for (let attempt = 1; ; attempt++) {
      const started = now();
      let failure: SmartPayError;
      let status: number | undefined;
      try {
        const answer = await exchange(
          fetchImpl,
          `${baseUrl}${path}`,
          { method, headers, ...(body === undefined ? {} : { body }) },
          { operation, timeoutMs, signal: callOptions.signal, now },
        );
        status = answer.status;
        if (answer.status >= 200 && answer.status < 300) {
          const token = readToken(answer.bodyText);
          if (token) {
            options.onAttempt?.({ operation, ...about, attempt, status, durationMs: now() - started });
            return token;
          }
          failure = new SmartPayMalformedResponseError('SmartPay answered with a body that is not a token', {
            operation,
            statusCode: answer.status,
          });
        } else {
          failure = SmartPayError.from(answer, operation);
        }
      } catch (error) {
        if (!(error instanceof SmartPayError)) throw error; // the caller's own abort
        failure = error;
      }
      const wait =
        attempt <= policy.maxRetries && isRetryable(operation, failure)
          ? retryDelay(attempt - 1, policy, random, failure.retryAfterMs)
          : undefined;
      options.onAttempt?.({
        operation,
        ...about,
        attempt,
        ...(status === undefined ? {} : { status }),
        durationMs: now() - started,
        error: failure.name,
        ...(failure.traceId ? { traceId: failure.traceId } : {}),
        ...(wait === undefined ? {} : { retryInMs: wait }),
      });
      if (wait === undefined) throw failure;
      await sleep(wait, callOptions.signal);
    }
  }

  return {
    createToken: (request, callOptions) =>
      call('createToken', 'POST', '/network-tokens', JSON.stringify(request), callOptions),
    getToken: (tokenId, callOptions) =>
      call(
        'getToken',
        'GET',
        `/network-tokens/${encodeURIComponent(tokenId)}`,
        undefined,
        callOptions,
        tokenId,
      ),
  };
}

function readToken(text: string): NetworkToken | undefined {
  try {
    const parsed = networkTokenSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
