import type { Context, MiddlewareHandler } from 'hono';
import { MerchantError } from './merchant-error.js';

export interface RateLimitOptions {
  /** Requests allowed per client in a burst. */
  limit: number;
  /** The time in which a client's full allowance comes back (ms). Default 60 s. */
  windowMs: number;
  /** Who a request counts against. */
  key: (c: Context) => string;
  now?: () => number;
}

/** Clients tracked at most; past this, the least recently seen are forgotten first. */
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per client: `limit` requests at once, refilled evenly over `windowMs`. Past it,
 * 429 `rate_limited` with `Retry-After` (seconds until the next request is allowed).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const now = options.now ?? Date.now;
  const perMs = options.limit / options.windowMs;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return async function rateLimited(c, next) {
    const key = options.key(c);
    const at = now();
    const bucket = buckets.get(key) ?? { tokens: options.limit, at };
    bucket.tokens = Math.min(options.limit, bucket.tokens + (at - bucket.at) * perMs);
    bucket.at = at;
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new MerchantError('rate_limited', 'Too many requests; slow down.', { retryAfterSeconds });
    }
    bucket.tokens -= 1;
    buckets.delete(key); // re-insert, so the map stays in least-recently-used order
    buckets.set(key, bucket);
    if (buckets.size > MAX_CLIENTS) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    await next();
  };
}
