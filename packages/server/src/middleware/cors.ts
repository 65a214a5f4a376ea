import { IDEMPOTENCY_HEADER } from '@smartpay/contract';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for the merchant API: the request's own origin, `merchantOrigin` and the allowlist may
 * read answers (with cookies, for the session account); any other origin gets no CORS headers,
 * so browsers withhold the answer and refuse the preflight of a JSON POST.
 */
export function apiCors(allowedOrigins: readonly string[], merchantOrigin: string): MiddlewareHandler {
  const allowed = new Set([...allowedOrigins, merchantOrigin]);
  return cors({
    origin: (origin, c) => {
      if (!origin) return null;
      return allowed.has(origin) || origin === new URL(c.req.url).origin ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', IDEMPOTENCY_HEADER, 'Last-Event-ID', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
    credentials: true,
    maxAge: 600,
  });
}
