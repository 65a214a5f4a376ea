/**
 * The merchant app wired to the SmartPay sandbox in process, with logs captured and a fast watch
 * schedule; plus helpers for the sandbox's control API (docs/interfaces.md).
 */
import { IDEMPOTENCY_HEADER } from '@smartpay/contract';
import { createSandbox, type SandboxOptions } from '@smartpay/sandbox';
import {
  type AppConfig,
  createApp,
  createJsonLogger,
  loadConfig,
  MemoryTokenStore,
} from '../../src/index.ts';

export const SERVER_KEY = 'test-server-key-0123456789abcdef0123456789';

export interface UpstreamRequest {
  method: string;
  path: string;
  status: number;
  fault?: string;
}

export interface FaultSpec {
  method?: 'GET' | 'POST' | '*';
  path: string;
  count?: number;
  kind: string;
  status?: number;
  delayMs?: number;
  retryAfter?: number;
}

export interface HarnessOptions {
  /** Stands between the app and the sandbox, e.g. to change SmartPay's answers. */
  wrapFetch?: (sandboxFetch: typeof fetch) => typeof fetch;
  sandbox?: SandboxOptions;
}

export function startHarness(overrides: Partial<AppConfig> = {}, options: HarnessOptions = {}) {
  const sandbox = createSandbox(options.sandbox);
  const upstream = options.wrapFetch ? options.wrapFetch(sandbox.fetch) : sandbox.fetch;
  const logs: string[] = [];
  const logger = createJsonLogger({ sink: (line) => logs.push(line), level: 'debug' });
  const shutdown = new AbortController();
  const store = new MemoryTokenStore();
  let upstreamCalls = 0;
  const countingFetch = ((input: string | URL | Request, init?: RequestInit) => {
    upstreamCalls++;
    return upstream(input, init);
  }) as typeof fetch;
  const config: AppConfig = {
    ...loadConfig({}),
    clientSecretKey: SERVER_KEY,
    logger,
    store,
    fetch: countingFetch,
    signal: shutdown.signal,
    rateLimit: { limit: 1000, windowMs: 60_000 },
    maxStreamsPerClient: 10_000,
    retry: { initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    watch: {
      waitingEveryMs: 20,
      afterSubmission: [{ untilMs: Infinity, everyMs: 20 }],
      jitter: 0,
      freshForMs: 10,
      idleStopMs: 30,
      heartbeatMs: 1_000,
    },
    ...overrides,
  };
  const app = createApp(config);

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await sandbox.fetch(`http://sandbox.test${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  };

  let keyCounter = 0;
  return {
    app,
    store,
    logs,
    sandbox,
    /** Every fetch to SmartPay the app made. */
    get upstreamCalls() {
      return upstreamCalls;
    },
    /** POST /api/network-tokens with a fresh Idempotency-Key unless one is given. */
    async create(
      body: unknown,
      options: { key?: string | null; headers?: Record<string, string> } = {},
    ): Promise<Response> {
      const key = options.key === undefined ? `test-key-${Date.now()}-${++keyCounter}` : options.key;
      return app.request('/api/network-tokens', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key === null ? {} : { [IDEMPOTENCY_HEADER]: key }),
          ...options.headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async read(tokenId: string, secret: string | undefined, path = ''): Promise<Response> {
      return app.request(`/api/network-tokens/${encodeURIComponent(tokenId)}${path}`, {
        headers: secret === undefined ? {} : { authorization: `Bearer ${secret}` },
      });
    },
    async upstreamRequests(): Promise<UpstreamRequest[]> {
      const { requests } = (await control('GET', '/_sandbox/requests')) as { requests: UpstreamRequest[] };
      return requests.filter((r) => r.path.startsWith('/network-tokens'));
    },
    clearUpstreamRequests: () => control('DELETE', '/_sandbox/requests'),
    fault: (spec: FaultSpec) => control('POST', '/_sandbox/faults', spec),
    forceStatus: (tokenId: string, status: string) =>
      control('POST', `/_sandbox/tokens/${tokenId}/status`, { status }),
    /** The tokens SmartPay's PCI proxy would put into a direct create for this card number. */
    async tokenize(pan: string) {
      return sandbox.tokenizeCard(pan);
    },
    close() {
      shutdown.abort();
      sandbox.close();
    },
  };
}

export type Harness = ReturnType<typeof startHarness>;

/** Reads a whole JSON body. */
export const body = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;

/** Waits until `condition()` holds, checking every 5 ms; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUp) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
