import type { Context, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from '../logging/logger.js';

/** What every handler can read from the context. */
export interface RequestVariables {
  requestId: string;
  /** The app's logger with this request's id on every line. */
  logger: Logger;
}

export type AppEnv = { Variables: RequestVariables };

/** The longest incoming `X-Request-Id` kept: ids go into headers and every log line. */
const MAX_REQUEST_ID_LENGTH = 64;

/**
 * Gives each request an id with Hono's request-id middleware (an incoming `X-Request-Id` of at most
 * {@link MAX_REQUEST_ID_LENGTH} word characters, `-` or `=` is kept, so ids can span services; any
 * other gets a random UUID), answers with it, hands handlers a logger that adds it to every line,
 * and writes one log line when the request is done.
 */
export function requestContext(logger: Logger, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const assignId = requestId({
    limitLength: MAX_REQUEST_ID_LENGTH,
    generator: () => crypto.randomUUID(),
  });
  return async function requestContextMiddleware(c, next) {
    const started = now();
    await assignId(c, async () => {
      c.set('logger', logger.child({ requestId: c.get('requestId') }));
      try {
        await next();
      } finally {
        logRequest(c, started, now());
      }
    });
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
