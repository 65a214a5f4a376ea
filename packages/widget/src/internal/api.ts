import type {
  CreateTokenBody,
  CreateTokenResponse,
  MerchantConfig,
  MerchantErrorBody,
} from '@smartpay/contract';
import { IDEMPOTENCY_HEADER, NETWORK_TOKEN_PATHS } from '@smartpay/contract/core';
import type { PublicToken } from '../types.js';
import { backoff, sleep, timing } from './timing.js';

/** A status worth asking again for: a server or provider failure (5xx), a timeout, a request still in progress (409), a rate limit. */
export const transientStatus = (status: number): boolean => status > 499 || [408, 409, 429].includes(status);

/** A failed call to the merchant server or SmartPay's PCI proxy. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status = 0,
    readonly requestId?: string,
    readonly fields?: MerchantErrorBody['error']['fields'],
    /** Seconds from a Retry-After header. */
    readonly retryAfter?: number,
  ) {
    super(code);
  }

  /**
   * True when the same request may succeed if sent again (with the same idempotency key, for a
   * create): no answer or no usable one (status 0, unless the browser withheld it for CORS), or a
   * transient status.
   */
  get transient(): boolean {
    return this.status ? transientStatus(this.status) : this.code !== 'origin_not_allowed';
  }
}

/**
 * After a request to another origin failed without an answer: is its server reachable? A
 * `no-cors` request gets an opaque answer from a live server, so a yes means the browser withheld
 * the real answer because the server does not allow this page's origin (CORS). Offline, the probe
 * fails at once: no.
 */
function corsRefused(url: string): boolean | Promise<boolean> {
  const { origin } = new URL(url, location.href);
  return (
    origin !== location.origin &&
    fetch(url, {
      mode: 'no-cors',
      credentials: 'omit',
      signal: AbortSignal.timeout(timing.probeTimeout),
    }).then(
      () => {
        console.error(
          `<smartpay-network-token>: ${origin} refuses this page (CORS): add ${location.origin} to its ALLOWED_ORIGINS.`,
        );
        return true;
      },
      () => false,
    )
  );
}

/**
 * Sends one request and returns its JSON; every failure becomes an ApiError (an abort stays an
 * abort). `timeout` bounds the answer, body included. A CORS refusal of the merchant server is told
 * apart from a lost connection (`origin_not_allowed`, not `network_error`). `refusal`: for a request
 * through SmartPay's PCI proxy, what its own errors (without a merchant envelope) mean.
 */
export async function send<T>(
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  timeout = timing.requestTimeout,
  refusal?: (status: number, body: unknown) => ApiError,
): Promise<T> {
  const timer = new AbortController();
  const clock = setTimeout(() => timer.abort(), timeout);
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.any([signal, timer.signal]) });
    body = await response.json().catch(() => {});
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(
      timer.signal.aborted
        ? 'timeout'
        : !refusal && (await corsRefused(url))
          ? 'origin_not_allowed'
          : 'network_error',
    );
  } finally {
    clearTimeout(clock);
  }
  // 204 No Content is an answer without a body (a DELETE's).
  if (response.ok && (body !== undefined || response.status === 204)) return body as T;
  const error = (body as Partial<MerchantErrorBody> | undefined)?.error;
  // An OK answer without JSON counts as no answer (status 0): worth asking again.
  const status = response.ok ? 0 : response.status;
  if (refusal && status && !error) throw refusal(status, body);
  throw new ApiError(
    error?.code ??
      (status === 429 ? 'rate_limited' : status && status < 500 ? `http_${status}` : 'internal_error'),
    status,
    error?.requestId,
    error?.fields,
    Number(response.headers.get('retry-after')) || undefined,
  );
}

/** Repeats `call` while it fails transiently, up to `tries` times, waiting as the server asks or backing off. */
export async function retrying<T>(call: () => Promise<T>, signal: AbortSignal, tries = 3): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await call();
    } catch (error) {
      // Only an ApiError is ever transient.
      if (!(error as ApiError)?.transient || n + 1 >= tries) throw error;
      const { retryAfter } = error as ApiError;
      await sleep(retryAfter ? retryAfter * 1000 : backoff(n), signal);
    }
  }
}

export const url = (endpoint: string, path: string) => endpoint.replace(/\/+$/, '') + path;
export const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A token as the page may read it: where, which, and the client secret that lets it. */
export interface TokenAccess {
  readonly endpoint: string;
  readonly tokenId: string;
  readonly clientSecret: string;
}

const tokenUrl = (token: TokenAccess, path: (tokenId: string) => string) =>
  url(token.endpoint, path(token.tokenId));
const bearer = (token: TokenAccess) => ({ Authorization: `Bearer ${token.clientSecret}` });

/** The token's public view. */
export const readToken = (token: TokenAccess, signal: AbortSignal) =>
  send<PublicToken>(tokenUrl(token, NETWORK_TOKEN_PATHS.token), { headers: bearer(token) }, signal);

/** The status stream; `lastEventId` resumes it where the last connection stopped. */
export const statusEvents = (token: TokenAccess, lastEventId: string, signal: AbortSignal) =>
  fetch(tokenUrl(token, NETWORK_TOKEN_PATHS.events), {
    headers: {
      Accept: 'text/event-stream',
      ...bearer(token),
      ...(lastEventId && { 'Last-Event-ID': lastEventId }),
    },
    signal,
  });

/** The merchant API as the widget uses it. `endpoint` is the base URL ('' for the page's origin). */
export const api = {
  config: (endpoint: string, signal: AbortSignal) =>
    retrying(() => send<MerchantConfig>(url(endpoint, NETWORK_TOKEN_PATHS.config), {}, signal), signal),

  /**
   * One attempt: retried with the same idempotency key, so the server creates at most one token.
   * It may take as long as SmartPay does (the server allows 90 s): the widget waits longer.
   */
  create: (endpoint: string, body: CreateTokenBody, key: string, signal: AbortSignal) =>
    retrying(
      () =>
        send<CreateTokenResponse>(
          url(endpoint, NETWORK_TOKEN_PATHS.tokens),
          {
            method: 'POST',
            headers: { ...JSON_HEADERS, [IDEMPOTENCY_HEADER]: key },
            body: JSON.stringify(body),
          },
          signal,
          timing.createTimeout,
        ),
      signal,
    ),

  /** A hint that SmartPay's form accepted the card (the server then reads fast): never retried, never fails. */
  cardSubmitted: (token: TokenAccess) =>
    fetch(tokenUrl(token, NETWORK_TOKEN_PATHS.cardSubmitted), {
      method: 'POST',
      headers: bearer(token),
    }).catch(() => {}),
};
