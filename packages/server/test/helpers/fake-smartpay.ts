/**
 * A stand-in for @smartpay/sandbox while it is being written: the same SmartPay routes, control
 * API and fault kinds as docs/interfaces.md describes, just enough for the server's tests.
 */
import { randomUUID } from 'node:crypto';
import { toFieldIssues, tokenRequestSchema } from '@smartpay/contract';
import { Hono } from 'hono';

interface Fault {
  id: string;
  method: string;
  path: string;
  count: number;
  kind: 'status' | 'delay' | 'reset' | 'reset-after' | 'malformed' | 'rate-limit' | 'unavailable';
  status?: number;
  delayMs?: number;
  retryAfter?: number;
}

interface LoggedRequest {
  id: number;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  time: string;
  fault?: string;
}

const AUTH = `Basic ${Buffer.from('sandbox-merchant-key:sandbox-auth-key').toString('base64')}`;
const trace = () =>
  `00-${randomUUID().replaceAll('-', '')}-${randomUUID().replaceAll('-', '').slice(0, 16)}-00`;
const traceBody = (status: number) => ({
  traceId: trace(),
  errors: [
    {
      message: 'Error.',
      ...(status === 401
        ? { code: 'unauthorized' }
        : status === 403
          ? { code: 'forbidden' }
          : status === 404
            ? { code: 'not_found' }
            : status === 429
              ? { code: 'rate_limited' }
              : {}),
    },
  ],
});

class ResetSignal extends Error {}

export function createFakeSmartPay() {
  const tokens = new Map<string, Record<string, unknown>>();
  const cards = new Map<string, string>();
  let faults: Fault[] = [];
  let requests: LoggedRequest[] = [];
  let nextId = 1;
  const app = new Hono();

  const card = (pan: string) => ({
    brand: pan.startsWith('5') ? 'MASTERCARD' : 'VISA',
    last4Digits: pan.slice(-4),
    expiryMonth: '12',
    expiryYear: '2030',
  });
  const activate = (token: Record<string, unknown>, pan = '4111111111111111') => {
    token.status = 'ACTIVE';
    token.networkToken = {
      tokenNumber: `4895${pan.slice(4, 16)}`.slice(0, 16),
      tokenExpiryMonth: '12',
      tokenExpiryYear: '2030',
    };
    token.tokenizedCardData = card(pan);
  };

  const matches = (fault: Fault, method: string, path: string) =>
    (fault.method === '*' || fault.method === method) &&
    (fault.path === path || (fault.path.endsWith('/*') && path.startsWith(fault.path.slice(0, -1))));

  app.use('/network-tokens/*', async (c, next) => {
    const started = Date.now();
    const fault = faults.find((f) => matches(f, c.req.method, c.req.path));
    if (fault && --fault.count <= 0) faults = faults.filter((f) => f !== fault);
    const log = (status: number) =>
      requests.push({
        id: nextId++,
        method: c.req.method,
        path: c.req.path,
        status,
        durationMs: Date.now() - started,
        time: new Date().toISOString(),
        ...(fault ? { fault: fault.kind } : {}),
      });
    if (fault?.kind === 'reset') {
      log(0);
      throw new ResetSignal();
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 0));
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      log(status);
      return c.json(status === 400 ? { message: ['Injected fault.'] } : traceBody(status), status as 500);
    }
    if (fault?.kind === 'rate-limit' || fault?.kind === 'unavailable') {
      const status = fault.kind === 'rate-limit' ? 429 : 503;
      log(status);
      c.header('Retry-After', String(fault.retryAfter ?? 1));
      return c.json(traceBody(status), status);
    }
    await next();
    log(c.res.status);
    if (fault?.kind === 'reset-after') throw new ResetSignal();
    if (fault?.kind === 'malformed') {
      c.res = new Response('{"tokenId": "abc", "sta', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    return undefined;
  });
  app.use('/network-tokens/*', async (c, next) => {
    const problems: string[] = [];
    if (c.req.header('authorization') !== AUTH) return c.json(traceBody(401), 401);
    if (c.req.header('content-type') !== 'application/json')
      problems.push('Content-Type must be application/json');
    if (c.req.header('accept-language') !== 'en-US') problems.push('Accept-Language must be en-US');
    if (!c.req.header('origin')) problems.push('Origin is required');
    if (!c.req.header('user-agent')) problems.push('User-Agent is required');
    if (problems.length) return c.json({ message: problems }, 400);
    await next();
    return undefined;
  });
  app.post('/network-tokens', async (c) => {
    const parsed = tokenRequestSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ message: toFieldIssues(parsed.error).map((i) => i.message) }, 400);
    const now = new Date().toISOString();
    const token: Record<string, unknown> = {
      tokenId: randomUUID(),
      createdAt: now,
      updatedAt: now,
      authorizationId: randomUUID(),
      externalMerchantId: randomUUID(),
      status: 'PENDING_PAYMENT_FORM',
    };
    if (parsed.data.integrationFlow === 'direct') {
      const pan = cards.get(parsed.data.cardDetails?.cardToken ?? '');
      if (pan === '4000000000000002' || pan === '4000000000000069' || !pan) token.status = 'ERROR';
      else activate(token, pan);
    }
    tokens.set(token.tokenId as string, token);
    const { networkToken: _n, tokenizedCardData: _t, ...created } = token;
    return c.json(created, 200);
  });
  app.get('/network-tokens/:id', (c) => {
    const token = tokens.get(c.req.param('id'));
    return token ? c.json(token) : c.json(traceBody(404), 404);
  });
  app.post('/pci-proxy/tokenize', async (c) => {
    const { pan, cvv } = (await c.req.json()) as { pan: string; cvv: string };
    const cardToken = `ct_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    cards.set(cardToken, pan.replace(/\D/g, ''));
    return c.json({ cardToken, cvvToken: `cvv_${cvv.length}${randomUUID().slice(0, 8)}` });
  });
  app.get('/_sandbox/requests', (c) => c.json({ requests }));
  app.delete('/_sandbox/requests', (c) => {
    requests = [];
    return c.body(null, 204);
  });
  app.post('/_sandbox/faults', async (c) => {
    const body = (await c.req.json()) as Omit<Fault, 'id' | 'count' | 'method'> & {
      count?: number;
      method?: string;
    };
    const fault: Fault = { method: '*', count: 1, ...body, id: randomUUID() };
    faults.push(fault);
    return c.json(fault, 201);
  });
  app.delete('/_sandbox/faults', (c) => {
    faults = [];
    return c.body(null, 204);
  });
  app.post('/_sandbox/tokens/:id/status', async (c) => {
    const token = tokens.get(c.req.param('id'));
    if (!token) return c.json(traceBody(404), 404);
    const { status } = (await c.req.json()) as { status: string };
    if (status === 'ACTIVE') activate(token);
    else token.status = status;
    token.updatedAt = new Date().toISOString();
    return c.json({ tokenId: token.tokenId, status });
  });
  app.post('/_sandbox/reset', (c) => {
    tokens.clear();
    faults = [];
    requests = [];
    return c.body(null, 204);
  });

  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    try {
      return await app.fetch(request);
    } catch (error) {
      if (error instanceof ResetSignal) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        });
      }
      throw error;
    }
  }) as typeof fetch;
  app.onError((error) => {
    throw error;
  });
  return { app, fetch: fetchImpl, close() {} };
}
