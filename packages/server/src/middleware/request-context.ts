import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';

/** What every handler can read from the context. */
export interface RequestVariables {
  requestId: string;
  /** The app's logger with this request's id on every line. */
  logger: Logger;
}

export type AppEnv = { Variables: RequestVariables };

/** Accepted incoming ids: short and plain, so they are safe in headers and logs. */
const INCOMING_ID = /^[\w-]{8,64}$/;

/**
 * Gives each request an id (a well-formed incoming `X-Request-Id` is kept, so ids can span
 * services), answers with it, and writes one log line when the request is done.
 */
export function requestContext(logger: Logger, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const started = now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('logger', logger.child({ requestId }));
    c.header('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      logRequest(c, started, now());
    }
  };
}

function logRequest(c: Context<AppEnv>, started: number, ended: number): void {
  const status = c.res.status;
  const fields = {
    method: c.req.method,
    path: c.req.path.slice(0, 200),
    status,
    durationMs: ended - started,
  };
  const logger = c.get('logger');
  if (status >= 500) logger.error('http.request', fields);
  else logger.info('http.request', fields);
}
