/**
 * @module
 * OAuth2 client credentials for SmartPay's `Authorization: Bearer <access_token>`: a token is
 * fetched when first needed, kept until shortly before `expires_in` runs out, and refreshed by
 * one request however many calls need it at once. Neither the client secret nor a token is ever
 * logged or put in an error.
 */
import { followAbort } from './abort-link.js';
import { SmartPayOAuthError, type SmartPayOperation } from './errors.js';
import { exchange } from './transport.js';

export interface OAuthClientCredentials {
  /** SmartPay's token endpoint, e.g. `https://smartpay-oauth-cons.auth.eu-central-1.amazoncognito.com/oauth2/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface AccessTokenSource {
  /** A live access token: the cached one, or a fresh one (one refresh at a time, shared). */
  get(operation: SmartPayOperation, signal?: AbortSignal): Promise<string>;
  /** Forgets `token` if it is the cached one (SmartPay answered 401 to it), so the next get refreshes. */
  invalidate(token: string): void;
}

export interface AccessTokenSourceOptions extends OAuthClientCredentials {
  fetch: typeof fetch;
  /** Per token request, answer included. */
  timeoutMs: number;
  now: () => number;
  /** Called after each refresh, for the log: never the token. */
  onRefresh?: (refresh: { expiresInSeconds: number; durationMs: number }) => void;
}

/** A token is renewed this long before it expires, or at 90 % of its life when that is shorter. */
export const REFRESH_MARGIN_MS = 60_000;

/** When `expires_in` is missing or unreadable: the hour SmartPay's example gives. */
const DEFAULT_EXPIRES_IN_SECONDS = 3600;

interface Cached {
  token: string;
  /** Epoch ms after which it is renewed before use. */
  renewAt: number;
}

export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const { now } = options;
  let cached: Cached | undefined;
  let refreshing: Promise<Cached> | undefined;

  async function refresh(operation: SmartPayOperation): Promise<Cached> {
    const started = now();
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    }).toString();
    let answer: Awaited<ReturnType<typeof exchange>>;
    try {
      answer = await exchange(
        options.fetch,
        options.tokenUrl,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body,
        },
        { operation, timeoutMs: options.timeoutMs, now },
      );
    } catch (error) {
      // Unreachable or too slow: SmartPay's API was not called, so whatever asked may try again.
      throw new SmartPayOAuthError('SmartPay’s token endpoint could not be reached', {
        operation,
        retryable: true,
        cause: error,
      });
    }
    const parsed = readTokenAnswer(answer.bodyText);
    if (answer.status < 200 || answer.status >= 300 || !parsed.token) {
      const retryable = answer.status === 429 || answer.status >= 500;
      throw new SmartPayOAuthError(
        answer.status >= 200 && answer.status < 300
          ? 'SmartPay’s token endpoint answered without an access token'
          : `SmartPay’s token endpoint refused the client credentials (HTTP ${answer.status})`,
        {
          operation,
          statusCode: answer.status,
          retryable,
          ...(parsed.error ? { upstreamCode: parsed.error } : {}),
          ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
        },
      );
    }
    const lifetimeMs = parsed.expiresInSeconds * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    options.onRefresh?.({ expiresInSeconds: parsed.expiresInSeconds, durationMs: now() - started });
    return { token: parsed.token, renewAt: started + lifetimeMs - margin };
  }

  return {
    async get(operation, signal) {
      if (cached && now() < cached.renewAt) return cached.token;
      if (!refreshing) {
        refreshing = refresh(operation)
          .then((fresh) => {
            cached = fresh;
            return fresh;
          })
          .finally(() => {
            refreshing = undefined;
          });
      }
      // The shared refresh is bounded by its own timeout; a caller that gives up just stops waiting.
      return (await untilAborted(refreshing, signal)).token;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** The token endpoint's answer, read liberally: the token, its lifetime, or its error code. */
function readTokenAnswer(text: string): { token?: string; expiresInSeconds: number; error?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { expiresInSeconds: DEFAULT_EXPIRES_IN_SECONDS };
  }
  const { access_token, expires_in, token_type, error } = (body ?? {}) as Record<string, unknown>;
  const expires = Number(expires_in);
  const bearer = token_type === undefined || String(token_type).toLowerCase() === 'bearer';
  return {
    ...(typeof access_token === 'string' && access_token && bearer ? { token: access_token } : {}),
    expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : DEFAULT_EXPIRES_IN_SECONDS,
    ...(typeof error === 'string' ? { error: error.slice(0, 64) } : {}),
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const unfollow = followAbort(signal, reject);
    promise.then(resolve, reject).finally(unfollow);
  });
}
