import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Fault, FaultKind } from './control/faults.js';
import { ConnectionResetError, dropConnection } from './http/connection.js';
import { smartPayErrorResponse } from './http/smartpay-errors.js';
import { controlRoutes } from './routes/control.js';
import { forwardingRoutes } from './routes/forwarding.js';
import { hostedFormRoutes } from './routes/hosted-form.js';
import { networkTokenRoutes } from './routes/network-tokens.js';
import { oauthRoutes } from './routes/oauth.js';
import type { SandboxState } from './sandbox-state.js';
import { SANDBOX_HEADER, SANDBOX_VERSION } from './version.js';

type AppEnv = { Variables: { fault?: FaultKind; dropped?: boolean } };

const isControlPath = (path: string) => path === '/_sandbox' || path.startsWith('/_sandbox/');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logs every request but the control API's: method, path, status and timing, nothing else. */
function requestLog(state: SandboxState): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isControlPath(c.req.path)) return next();
    const time = new Date(state.now()).toISOString();
    const started = performance.now();
    try {
      await next();
    } finally {
      const fault = c.get('fault');
      state.log.add({
        method: c.req.method,
        path: c.req.path,
        status: c.get('dropped') || !c.finalized ? null : c.res.status,
        durationMs: Math.round(performance.now() - started),
        time,
        ...(fault && { fault }),
      });
    }
  };
}

/** Applies the first queued fault that matches the request (README: "Faults"). */
function faultInjection(state: SandboxState): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Preflights are left alone: a fault is meant for the request the client actually makes.
    if (isControlPath(c.req.path) || c.req.method === 'OPTIONS') return next();
    const fault = state.faults.take(c.req.method, c.req.path);
    if (!fault) return next();
    c.set('fault', fault.kind);
    if (fault.delayMs) await sleep(fault.delayMs);
    return applyFault(fault, c, next);
  };
}

async function applyFault(
  fault: Fault,
  c: Context<AppEnv>,
  next: () => Promise<void>,
): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'delay':
      await next();
      return undefined;
    case 'status': {
      const status = fault.status ?? 500;
      return smartPayErrorResponse(
        status,
        status === 400 ? ['The sandbox answered 400 because a fault asked it to.'] : undefined,
      );
    }
    case 'rate-limit':
    case 'unavailable': {
      const response = smartPayErrorResponse(fault.kind === 'rate-limit' ? 429 : 503);
      response.headers.set('Retry-After', String(fault.retryAfter));
      return response;
    }
    case 'reset':
      c.set('dropped', true);
      return dropConnection(c.env);
    case 'reset-after':
      await next();
      c.set('dropped', true);
      c.res = dropConnection(c.env);
      return undefined;
    case 'malformed': {
      await next();
      const text = await c.res.text();
      // Cut the real answer in half, so it is JSON that ends too soon.
      c.res = undefined;
      c.res = new Response(text.slice(0, Math.ceil(text.length / 2)), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
      return undefined;
    }
  }
}

/** Every route of the sandbox, with the request log, the faults and the SmartPay-Sandbox header around them. */
export function createApp(state: SandboxState, reset: () => void): Hono {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    await next();
    c.header(SANDBOX_HEADER, SANDBOX_VERSION);
  });
  app.use(requestLog(state));
  app.use(faultInjection(state));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/', (c) =>
    c.json({
      name: 'SmartPay sandbox',
      version: SANDBOX_VERSION,
      endpoints: [
        'POST /network-tokens',
        'GET /network-tokens/{tokenId}',
        'POST /oauth2/token',
        'POST /forwarding/tokenize',
        'GET /sdk/smp-bundle.js',
        'GET /_sandbox/requests',
        'POST /_sandbox/faults',
        'POST /_sandbox/tokens/{tokenId}/status',
        'POST /_sandbox/reset',
      ],
    }),
  );
  app.route('/', networkTokenRoutes(state));
  app.route('/', oauthRoutes(state));
  app.route('/', forwardingRoutes(state));
  app.route('/', hostedFormRoutes(state));
  app.route('/', controlRoutes(state, reset));

  app.notFound(() => smartPayErrorResponse(404));
  app.onError((error) => {
    // A dropped connection must reach the transport, not become a 500.
    if (error instanceof ConnectionResetError) throw error;
    console.error(error);
    return smartPayErrorResponse(500);
  });
  // The fault/dropped variables are the middleware's own business: callers get a plain Hono.
  return app as unknown as Hono;
}
