/**
 * @module
 * The SmartPay network-token API client: Basic auth and the headers the API page requires, a
 * timeout on every call, retries where they are safe, typed errors.
 */
import { type NetworkToken, networkTokenSchema, type TokenRequest } from '@smartpay/contract';
import { sleep as abortableSleep } from '../timing/backoff.js';
import { SERVER_VERSION } from '../version.js';
import {
  SmartPayAuthenticationError,
  SmartPayConnectionError,
  SmartPayError,
  SmartPayMalformedResponseError,
  SmartPayOAuthError,
  type SmartPayOperation,
  SmartPayTimeoutError,
} from './errors.js';
import { createAccessTokenSource, type OAuthClientCredentials } from './oauth.js';
import { type OddAnswer, oddAnswerReporter } from './odd-answers.js';
import type { ReadBudget } from './read-budget.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './retry.js';
import { exchange, type HttpSend } from './transport.js';

/** Default timeout of one status read, body included: reads are retried and polled again, so they may be short. */
export const DEFAULT_SMARTPAY_TIMEOUT_MS = 15_000;

/**
 * Default timeout of one create, body included. SmartPay's integration guide asks for at least 90 s
 * per call, and a create given up early may still create a token (its outcome is then unknown).
 */
export const DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS = 90_000;

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
  /** With `authenticationKey`: `Authorization: Basic base64(merchantKey:authenticationKey)`, unless `oauth` is given. */
  merchantKey?: string;
  authenticationKey?: string;
  /**
   * OAuth2 client credentials: every call then sends `Authorization: Bearer <access_token>`, the
   * token kept until shortly before it expires; a 401 refreshes it once and repeats the call once.
   */
  oauth?: OAuthClientCredentials;
  /** Called after each access token refresh (never with the token). */
  onTokenRefresh?: (refresh: { expiresInSeconds: number; durationMs: number }) => void;
  /** Sent as `Origin`: the merchant's site as registered with SmartPay. */
  origin: string;
  userAgent?: string;
  /** Default: the global fetch. Tests pass the sandbox's in-process fetch. */
  fetch?: typeof fetch;
  /** How the API calls are sent (the token endpoint's always go through `fetch`). Default: `fetch`. */
  send?: HttpSend;
  /** Per read attempt, answer body included. Default {@link DEFAULT_SMARTPAY_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Per create attempt, answer body included. Default {@link DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS}. */
  createTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Called after every attempt. */
  onAttempt?: (attempt: SmartPayAttempt) => void;
  /**
   * Called once per kind of difference between an answer and the API page's documented shape (a
   * new status, a longer value, an unknown field): the answer is still used.
   */
  onOddAnswer?: (oddity: OddAnswer) => void;
  /** Status reads wait their turn here (every attempt, retries included); a 429 pauses them. */
  readBudget?: ReadBudget;
  /** Seams for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** A read a shopper is waiting for (the card was submitted): it goes first in the read budget. */
  urgent?: boolean;
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

/** Whether a failed attempt may be repeated: reads always when transient, a create only when nothing left. */
function isRetryable(operation: SmartPayOperation, error: SmartPayError): boolean {
  // No access token: the call itself never left, for a create as for a read.
  if (error instanceof SmartPayOAuthError) return error.retryable;
  if (operation === 'createToken') return error instanceof SmartPayConnectionError && !error.requestSent;
  if (error instanceof SmartPayConnectionError || error instanceof SmartPayTimeoutError) return true;
  if (error instanceof SmartPayMalformedResponseError) return true;
  const status = error.statusCode ?? 0;
  return status === 429 || status >= 500;
}

export function createSmartPayClient(options: SmartPayClientOptions): SmartPayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const send = options.send ?? fetchImpl;
  const readTimeoutMs = options.timeoutMs ?? DEFAULT_SMARTPAY_TIMEOUT_MS;
  const createTimeoutMs = options.createTimeoutMs ?? DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const noticeOdd = options.onOddAnswer ? oddAnswerReporter(options.onOddAnswer) : undefined;
  const tokens = options.oauth
    ? createAccessTokenSource({
        ...options.oauth,
        fetch: fetchImpl,
        timeoutMs: readTimeoutMs,
        now,
        ...(options.onTokenRefresh ? { onRefresh: options.onTokenRefresh } : {}),
      })
    : undefined;
  if (!tokens && (options.merchantKey === undefined || options.authenticationKey === undefined)) {
    throw new TypeError('createSmartPayClient needs merchantKey and authenticationKey, or oauth');
  }
  const basic = `Basic ${Buffer.from(`${options.merchantKey}:${options.authenticationKey}`).toString('base64')}`;
  const headers = {
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
    about: { tokenId?: string; integrationFlow?: string } = {},
  ): Promise<NetworkToken> {
    const { tokenId, integrationFlow } = about;
    const timeoutMs = operation === 'createToken' ? createTimeoutMs : readTimeoutMs;
    // Creates are the shopper's own clicks (rate-limited per client): only reads are budgeted.
    const budget = operation === 'getToken' ? options.readBudget : undefined;
    const subject = {
      ...(tokenId === undefined ? {} : { tokenId }),
      ...(callOptions.requestId === undefined ? {} : { requestId: callOptions.requestId }),
    };
    let retries = 0;
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      const started = now();
      let failure: SmartPayError;
      let status: number | undefined;
      let bearer: string | undefined;
      try {
        bearer = tokens ? await tokens.get(operation, callOptions.signal) : undefined;
        if (budget) await budget.take({ urgent: callOptions.urgent ?? false, signal: callOptions.signal });
        const answer = await exchange(
          send,
          `${baseUrl}${path}`,
          {
            method,
            headers: { ...headers, Authorization: bearer ? `Bearer ${bearer}` : basic },
            ...(body === undefined ? {} : { body }),
          },
          { operation, timeoutMs, signal: callOptions.signal, now },
        );
        status = answer.status;
        budget?.answered(answer.status, answer.retryAfterMs);
        if (answer.status >= 200 && answer.status < 300) {
          const token = readToken(answer.bodyText, (body) => noticeOdd?.(operation, body));
          if (token) {
            options.onAttempt?.({ operation, ...subject, attempt, status, durationMs: now() - started });
            return token;
          }
          failure = new SmartPayMalformedResponseError('SmartPay answered with a body that is not a token', {
            operation,
            statusCode: answer.status,
          });
        } else {
          failure = SmartPayError.from(answer, operation, integrationFlow);
        }
      } catch (error) {
        if (!(error instanceof SmartPayError)) throw error; // the caller's own abort
        failure = error;
      }
      // A 401 to an access token: it may have expired early or been revoked. Refresh once, repeat once
      // (a 401 created nothing), outside the retry policy.
      const refresh = !!bearer && failure instanceof SmartPayAuthenticationError && !refreshedAfter401;
      const wait = refresh
        ? 0
        : retries < policy.maxRetries && isRetryable(operation, failure)
          ? retryDelay(retries, policy, random, failure.retryAfterMs)
          : undefined;
      options.onAttempt?.({
        operation,
        ...subject,
        attempt,
        ...(status === undefined ? {} : { status }),
        durationMs: now() - started,
        error: failure.name,
        ...(failure.traceId ? { traceId: failure.traceId } : {}),
        ...(wait === undefined ? {} : { retryInMs: wait }),
      });
      if (wait === undefined) throw failure;
      if (refresh && bearer) {
        refreshedAfter401 = true;
        tokens?.invalidate(bearer);
        continue;
      }
      retries++;
      await sleep(wait, callOptions.signal);
    }
  }

  return {
    createToken: (request, callOptions) =>
      call('createToken', 'POST', '/network-tokens', JSON.stringify(request), callOptions, {
        integrationFlow: request.integrationFlow,
      }),
    getToken: (tokenId, callOptions) =>
      call('getToken', 'GET', `/network-tokens/${encodeURIComponent(tokenId)}`, undefined, callOptions, {
        tokenId,
      }),
  };
}

/** The token in an answer, read liberally (`networkTokenSchema`); `notice` sees the raw body of a readable one. */
function readToken(text: string, notice: (body: unknown) => void): NetworkToken | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = networkTokenSchema.safeParse(body);
  if (!parsed.success) return undefined;
  notice(body);
  return parsed.data;
}
