import { IDEMPOTENCY_HEADER } from '@smartpay/contract';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'];

/**
 * CORS for the merchant API: the request's own origin, `merchantOrigin` and the allowlist may
 * read answers (with cookies, for the session account); any other origin gets no CORS headers,
 * so browsers withhold the answer and refuse the preflight of a JSON POST.
 *
 * Preflights are Hono's `cors`. Other requests get the same headers before the handler runs, so
 * the answer it builds carries them at once (Hono's `cors` sets them on `c.res` first and appends
 * `Vary` afterwards, which makes Hono copy every answer into new web Responses).
 */
export function apiCors(allowedOrigins: readonly string[], merchantOrigin: string): MiddlewareHandler {
  const allowed = new Set([...allowedOrigins, merchantOrigin]);
  const allowOrigin = (origin: string, c: Context) => {
    if (!origin) return null;
    return allowed.has(origin) || origin === new URL(c.req.url).origin ? origin : null;
  };
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', IDEMPOTENCY_HEADER, 'Last-Event-ID', 'X-Request-Id'],
    exposeHeaders: EXPOSED_HEADERS,
    credentials: true,
    maxAge: 600,
  });
  const always: readonly (readonly [string, string])[] = [
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Expose-Headers', EXPOSED_HEADERS.join(',')],
  ];
  return async function apiCorsHeaders(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = allowOrigin(c.req.header('origin') || '', c);
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    for (const [name, value] of always) c.header(name, value);
    c.header('Vary', 'Origin', { append: true });
    await next();
    // An answer built without the context (a Response of its own) did not get them.
    const headers = c.res.headers;
    if (headers.has('Access-Control-Expose-Headers')) return;
    if (origin) headers.set('Access-Control-Allow-Origin', origin);
    for (const [name, value] of always) headers.set(name, value);
    headers.append('Vary', 'Origin');
  };
}
