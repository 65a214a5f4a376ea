/**
 * Real processes for the crash and scale-out tests: merchant servers started from src/bin.ts (as
 * `npm start` starts dist/bin.js), and the SmartPay sandbox on a socket behind a counter of what
 * the servers ask it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { IDEMPOTENCY_HEADER } from '@smartpay/contract';
import { createSandbox } from '@smartpay/sandbox';
import { SERVER_KEY } from './harness.ts';

const BIN = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));

export interface CountingSandbox {
  readonly url: string;
  /** Token ids SmartPay created (answered 2xx to a create), in order. */
  readonly created: string[];
  /** Status reads per token id. */
  readonly reads: Map<string, number>;
  /** Plays the shopper: submits a test card in SmartPay's hosted form for the token. */
  submitCard(tokenId: string, number: string): Promise<void>;
  /** Delays every create by `delayMs`, `count` times (the sandbox's fault API). */
  slowCreates(delayMs: number, count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCountingSandbox(timeScale: number): Promise<CountingSandbox> {
  const sandbox = createSandbox({ timeScale });
  const created: string[] = [];
  const reads = new Map<string, number>();
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request) => {
      const { pathname } = new URL(request.url);
      const response = await sandbox.fetch(request);
      if (request.method === 'POST' && pathname === '/network-tokens' && response.ok) {
        created.push(((await response.clone().json()) as { tokenId: string }).tokenId);
      }
      const read = request.method === 'GET' && pathname.match(/^\/network-tokens\/([^/]+)$/)?.[1];
      if (read) reads.set(read, (reads.get(read) ?? 0) + 1);
      return response;
    },
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const control = async (path: string, body: unknown, origin?: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  return {
    url,
    created,
    reads,
    submitCard: (tokenId, number) =>
      control(
        `/sdk/card-form/${tokenId}/card`,
        { cardHolderName: 'Ada Lovelace', number, expiry: '12/30', cvc: '123' },
        url,
      ),
    slowCreates: (delayMs, count) =>
      control('/_sandbox/faults', { method: 'POST', path: '/network-tokens', kind: 'delay', delayMs, count }),
    async close() {
      sandbox.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface LogLine {
  readonly event: string;
  readonly [field: string]: unknown;
}

export interface ServerProcess {
  readonly url: string;
  readonly instance: string;
  readonly child: ChildProcess;
  /** Every JSON log line so far. */
  readonly logs: LogLine[];
  /** Ends the process at once, as a crash or the OOM killer would. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** The environment every test server gets; tests add DATA_DIR or DATABASE_URL. */
export function serverEnv(sandboxUrl: string, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    SMARTPAY_BASE_URL: sandboxUrl,
    CLIENT_SECRET_KEY: SERVER_KEY,
    CREATES_PER_MINUTE: '1000000',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts src/bin.ts and resolves once it listens (or rejects with its output if it exits first). */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', BIN], {
    // Every test client is 127.0.0.1: the per-client stream cap (20 by default) would refuse its crowds.
    env: { MAX_STREAMS_PER_CLIENT: '10000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  let pending = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) {
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as LogLine;
        logs.push(line);
        if (line.event === 'server.listening') {
          clearTimeout(timer);
          resolve({
            url: line.url as string,
            instance: line.instance as string,
            child,
            logs,
            async kill9() {
              child.kill('SIGKILL');
              await exited;
            },
            async stop() {
              child.kill('SIGTERM');
              await exited;
            },
          });
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${stderr}`));
    });
  });
}

export interface CreateAnswer {
  readonly key: string;
  /** undefined: no answer (the connection died). */
  readonly status?: number;
  readonly body?: { tokenId?: string; clientSecret?: string; status?: string; error?: { code: string } };
  readonly replayed?: boolean;
}

/** POST /api/network-tokens; a dead connection is an answer without a status. */
export async function createThrough(serverUrl: string, key: string, body: unknown): Promise<CreateAnswer> {
  try {
    const response = await fetch(`${serverUrl}/api/network-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return {
      key,
      status: response.status,
      body: (await response.json()) as CreateAnswer['body'],
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  } catch {
    return { key };
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

/** Polls `condition` every 50 ms until it holds; throws after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not in ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}
