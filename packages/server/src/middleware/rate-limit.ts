import type { Context, MiddlewareHandler } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';
import type { TokenStore } from '../store/token-store.js';

export interface RateLimitOptions {
  /** Requests allowed per client in a burst. */
  limit: number;
  /** The time in which a client's full allowance comes back (ms). Default 60 s. */
  windowMs: number;
  /** Who a request counts against; only what this returns is stored (make it a hash, not an address). */
  key: (c: Context) => string;
  /** Where the buckets live: with a shared store, every instance counts against the same allowance. */
  store: Pick<TokenStore, 'spendRateLimit'>;
  now?: () => number;
}

/**
 * A token bucket per client: `limit` requests at once, refilled evenly over `windowMs`, kept in the
 * store so that it counts across instances. Past it, 429 `rate_limited` with `Retry-After`
 * (seconds until the next request is allowed).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const now = options.now ?? Date.now;
  const rule = { limit: options.limit, windowMs: options.windowMs };
  return async function rateLimited(c, next) {
    const decision = await options.store.spendRateLimit(options.key(c), rule, now());
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new MerchantError('rate_limited', 'Too many requests; slow down.', { retryAfterSeconds });
    }
    await next();
  };
}
