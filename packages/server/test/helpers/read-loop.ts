/**
 * Run in a child process with --expose-gc (test/signals.test.ts): 100,000 status reads that all
 * carry one process-long shutdown signal, as the status watcher's reads do, then prints one JSON
 * line: the heap retained after gc, before and after, and every process warning seen.
 *
 *   transport  reads back to back, straight through the transport's exchange()
 *   jobs       reads spread over timer jobs through the client, 50 at a time (as polls are)
 */
import { createSmartPayClient } from '../../src/smartpay/client.ts';
import { exchange } from '../../src/smartpay/transport.ts';
import { TOKEN } from './scripted-fetch.ts';

const mode = process.argv[2] === 'jobs' ? 'jobs' : 'transport';
const reads = Number(process.argv[3] ?? 100_000);
const CONCURRENCY = 50;

const warnings: string[] = [];
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));

const exposedGc = globalThis.gc;
if (!exposedGc) throw new Error('run with --expose-gc');
const gc = exposedGc;

const body = JSON.stringify({ ...TOKEN, status: 'PROVISIONING' });
const headers = new Headers();
let inFlight = 0;
let maxInFlight = 0;
/**
 * A fetch that answers in the next turn of the event loop (so reads started together are in
 * flight together), and listens to its signal as undici's does.
 */
const fastFetch = (async (_url: string | URL | Request, init?: RequestInit) => {
  const signal = init?.signal;
  const onAbort = () => {};
  signal?.addEventListener('abort', onAbort);
  maxInFlight = Math.max(maxInFlight, ++inFlight);
  try {
    await new Promise((resolve) => setImmediate(resolve));
    return { status: 200, headers, text: async () => body } as unknown as Response;
  } finally {
    inFlight--;
    signal?.removeEventListener('abort', onAbort);
  }
}) as typeof fetch;

const shutdown = new AbortController();
const client = createSmartPayClient({
  baseUrl: 'https://smartpay.example',
  merchantKey: 'mk',
  authenticationKey: 'ak',
  origin: 'https://shop.example',
  fetch: fastFetch,
});

async function transportReads(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await exchange(
      fastFetch,
      'https://smartpay.example/network-tokens/x',
      { method: 'GET' },
      { operation: 'getToken', timeoutMs: 15_000, signal: shutdown.signal, now: Date.now },
    );
  }
}

async function jobReads(count: number): Promise<void> {
  let left = count;
  const worker = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, index % 5));
    while (left-- > 0) await client.getToken(TOKEN.tokenId, { signal: shutdown.signal });
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => worker(index)));
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
}

const run = mode === 'jobs' ? jobReads : transportReads;
const started = Date.now();
await run(2_000); // warm-up: code compiled, caches filled
const before = await settledHeap();
await run(reads);
const after = await settledHeap();
console.log(
  JSON.stringify({
    mode,
    reads,
    heapBefore: before,
    heapAfter: after,
    bytesPerRead: (after - before) / reads,
    maxInFlight,
    warnings,
    ms: Date.now() - started,
  }),
);
