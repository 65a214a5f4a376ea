/**
 * The merchant server's speed against SmartPay's (the sandbox's), in one run, as ratios and
 * per-request costs: writes results/server-perf.json.
 *
 *   1. creates through the server vs straight to the sandbox, at concurrency 10 and 50, rounds
 *      interleaved (server, direct, server, direct …); the server's CPU per create;
 *   2. status detection: tokens whose card is submitted (the widget's card-submitted call and
 *      PROVISIONING at the sandbox), then made ACTIVE after a random 0.2–8 s (and 12–20 s for
 *      "later" changes), the tokens started one after another over 36 s: the time until an SSE
 *      subscriber has ACTIVE; and the SmartPay reads of a token that takes 60 s;
 *   3. open event streams: server memory per stream (heap and RSS, after GC), create latency with
 *      5,000 streams open against none, and with 10,000 pending tokens followed: /healthz, the
 *      most SmartPay requests in flight (against the pool size).
 *
 * The sandbox and the server are child processes (this file with `--sandbox` / `--serve`, from
 * packages/*\/dist); the load runs here.
 *
 *   node bench/server-perf.mjs [--rounds 3] [--creates 200] [--streams 10000] [--detect 40]
 *
 * SERVER_PERF_DETECTION_ONLY=1 runs part 2 alone (~65 s) and prints its figures; it writes no
 * results file (the full run's would lose parts 1 and 3).
 * `--only streams` runs part 3 alone (about 2 min) and writes results/server-perf-streams.json
 * instead, so the full results that BENCHMARKS.md is built from are not replaced by a part.
 * `--snapshot <file>` (with it) also writes V8 heap snapshots of the server before the streams open
 * and with all open (<file>-0.heapsnapshot, <file>-<n>.heapsnapshot): compare them in Chrome
 * DevTools (Memory) to see what a stream holds; a few thousand streams are enough.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent } from '../packages/server/node_modules/undici/index.js';
import { sandboxCreateInit } from './lib/sandbox-create.mjs';
import { startRole } from './lib/start-role.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packages = join(here, '..', 'packages');
const load = (path) => import(pathToFileURL(join(packages, path)).href);
const SERVER_KEY = 'bench-server-key-0123456789abcdef0123456789';
const POOL_SIZE = 32;
const DETECTION_ONLY = process.env.SERVER_PERF_DETECTION_ONLY === '1';

const args = process.argv.slice(2);
const text = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const option = (name, fallback) => {
  const given = text(name);
  return given === undefined ? fallback : Number(given);
};
const only = text('only');
if (only !== undefined && only !== 'streams') throw new Error(`--only takes "streams", not ${only}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}
const round = (x, digits = 3) => Number(x.toFixed(digits));
/** Detection: the tokens start one after another over this long (the last late one ends before the 60 s token). */
const DETECT_ARRIVALS_MS = 36_000;

/** The child: the SmartPay sandbox on a port; prints its URL. */
async function runSandbox() {
  const { startSandbox } = await load('sandbox/dist/index.js');
  const sandbox = await startSandbox({ port: 0 });
  console.log(`LISTENING ${sandbox.url}`);
}

/** The child: the merchant server (memory store, no logs) with /bench/* routes. */
async function runServer() {
  const { serve } = await import(
    pathToFileURL(join(packages, 'server', 'node_modules', '@hono', 'node-server', 'dist', 'index.mjs')).href
  );
  const server = await load('server/dist/index.js');
  // SmartPay calls are counted from undici's diagnostics channels, so the server runs its own
  // connection pool exactly as deployed (a fetch passed in would replace the pool's lighter path).
  let inFlight = 0;
  let mostInFlight = 0;
  let upstream = 0;
  /** SmartPay reads by token (the sandbox's request log keeps only its latest 1,000 requests). */
  const readsByToken = new Map();
  const open = new WeakSet();
  const { subscribe } = await import('node:diagnostics_channel');
  subscribe('undici:request:create', ({ request }) => {
    upstream++;
    open.add(request);
    if (request.method === 'GET') {
      const tokenId = request.path.split('?')[0].split('/').at(-1);
      readsByToken.set(tokenId, (readsByToken.get(tokenId) ?? 0) + 1);
    }
    mostInFlight = Math.max(mostInFlight, ++inFlight);
  });
  const answered = ({ request }) => {
    if (open.delete(request)) inFlight--;
  };
  subscribe('undici:request:headers', answered);
  subscribe('undici:request:error', answered);
  let connections = 0;
  subscribe('undici:client:connected', ({ socket }) => {
    connections++;
    socket.once('close', () => connections--);
  });
  const store = new server.MemoryTokenStore();
  const config = {
    ...server.loadConfig(process.env),
    clientSecretKey: SERVER_KEY,
    logger: server.silentLogger,
    rateLimit: { limit: 10_000_000, windowMs: 60_000 },
    store,
    smartpayMaxConnections: POOL_SIZE,
  };
  const app = server.createApp(config);
  const { Hono } = await import(
    pathToFileURL(join(packages, 'server', 'node_modules', 'hono', 'dist', 'index.js')).href
  );
  const bench = new Hono();
  bench.get('/bench/memory', (c) => {
    globalThis.gc?.();
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    return c.json({ heapUsed, rss });
  });
  bench.post('/bench/heap-snapshot', async (c) => {
    const { writeHeapSnapshot } = await import('node:v8');
    globalThis.gc?.();
    return c.json({ file: writeHeapSnapshot(await c.req.text()) });
  });
  bench.get('/bench/cpu', (c) => c.json(process.cpuUsage()));
  bench.get('/bench/upstream', (c) => c.json({ requests: upstream, mostInFlight, inFlight, connections }));
  bench.get('/bench/upstream/reads/:tokenId', (c) =>
    c.json({ reads: readsByToken.get(c.req.param('tokenId')) ?? 0 }),
  );
  bench.post('/bench/upstream/reset', (c) => {
    mostInFlight = inFlight;
    return c.json({});
  });
  // Pending tokens that exist at the sandbox, stored as a create leaves them; answers their secrets.
  bench.post('/bench/fill', async (c) => {
    const ids = await c.req.json();
    const now = Date.now();
    const at = new Date(now).toISOString();
    for (const tokenId of ids) {
      await store.putToken({
        tokenId,
        token: { tokenId, createdAt: at, updatedAt: at, status: 'PENDING_PAYMENT_FORM' },
        fullView: false,
        checkedAt: now,
        followSince: now,
      });
    }
    return c.json({ stored: ids.length });
  });
  bench.route('/', app);
  const limits = { maxConnections: 30_000 };
  const listening = serve(
    { fetch: bench.fetch, port: 0, hostname: '127.0.0.1', serverOptions: server.connectionOptions(limits) },
    (info) => console.log(`LISTENING http://127.0.0.1:${info.port}`),
  );
  server.capConnections(listening, limits);
  // A clean exit on SIGTERM, so that `--cpu-prof` writes its profile (bench/create-profile.mjs).
  process.once('SIGTERM', () => process.exit(0));
}

const startChild = (role, env = {}) =>
  startRole(fileURLToPath(import.meta.url), role, { nodeArgs: ['--expose-gc'], env });

const dispatcher = new Agent({ connections: null, keepAliveTimeout: 30_000 });
const get = async (url, init = {}) => {
  const response = await fetch(url, { dispatcher, ...init });
  return response.json();
};

async function main() {
  const rounds = DETECTION_ONLY ? 0 : option('rounds', 3);
  const creates = option('creates', 200);
  const streamCount = option('streams', 10_000);
  const detectCount = option('detect', 40);
  const { exampleCreateTokenBody } = await load('contract/dist/examples.js');
  const { basicAuthorization, DEFAULT_MERCHANT } = await load('sandbox/dist/index.js');
  const sandbox = await startChild('sandbox');
  const server = await startChild('serve', {
    SMARTPAY_BASE_URL: sandbox.url,
    MAX_STREAMS: String(streamCount + 100),
    MAX_STREAMS_PER_CLIENT: String(streamCount + 100),
    LOG_LEVEL: 'error',
  });
  const children = [sandbox.child, server.child];
  const stop = () => {
    for (const child of children) child.kill();
  };
  process.once('exit', stop);
  const load1 = [];
  const noteLoad = () => load1.push(loadavg()[0]);

  const body = exampleCreateTokenBody();
  const merchantCreate = async () => {
    const response = await fetch(`${server.url}/api/network-tokens`, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (response.status !== 201)
      throw new Error(`server create: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const sandboxInit = sandboxCreateInit(body, basicAuthorization(DEFAULT_MERCHANT));
  const directCreate = async () => {
    const response = await fetch(`${sandbox.url}/network-tokens`, { dispatcher, ...sandboxInit });
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`sandbox create: ${response.status} ${await response.text()}`);
    return response.json();
  };
  /** `count` calls of `call`, `concurrency` at a time: per second, each call's latency, and the failures (counted, not thrown). */
  async function burst(call, count, concurrency) {
    let next = 0;
    const latencies = [];
    const failures = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < count) {
          const t = performance.now();
          try {
            await call();
            latencies.push(performance.now() - t);
          } catch (error) {
            failures.push(error.message);
          }
        }
      }),
    );
    if (failures.length) console.log(`${failures.length} failed: ${[...new Set(failures)].join('; ')}`);
    return {
      perSecond: latencies.length / ((performance.now() - started) / 1000),
      latencies,
      failures: failures.length,
    };
  }

  // Parts 1 and 2 (not with --only streams): their sections of the results.
  const measured = {};
  if (!only) {
    // 1. Creates: server vs direct, interleaved.
    console.log('creates: warm-up');
    await burst(merchantCreate, 100, 10);
    await burst(directCreate, 100, 10);
    const throughput = { 10: { server: [], direct: [] }, 50: { server: [], direct: [] } };
    const cpuPerCreate = [];
    for (let r = 0; r < rounds; r++) {
      for (const concurrency of [10, 50]) {
        noteLoad();
        const cpuBefore = await get(`${server.url}/bench/cpu`);
        throughput[concurrency].server.push((await burst(merchantCreate, creates, concurrency)).perSecond);
        const cpuAfter = await get(`${server.url}/bench/cpu`);
        cpuPerCreate.push(
          (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000 / creates,
        );
        throughput[concurrency].direct.push((await burst(directCreate, creates, concurrency)).perSecond);
        console.log(
          `round ${r + 1} c${concurrency}: server ${throughput[concurrency].server.at(-1).toFixed(0)}/s, direct ${throughput[concurrency].direct.at(-1).toFixed(0)}/s`,
        );
      }
    }

    // 2. Detection.
    console.log('detection: ~65 s');
    const control = (path, init) => fetch(`${sandbox.url}${path}`, { dispatcher, ...init });
    const force = (tokenId, status) =>
      control(`/_sandbox/tokens/${tokenId}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    /** Follows one token over SSE; resolves with the time ACTIVE arrived (performance.now()). */
    async function follow(tokenId, clientSecret, opened) {
      const response = await fetch(`${server.url}/api/network-tokens/${tokenId}/events`, {
        dispatcher,
        headers: { authorization: `Bearer ${clientSecret}` },
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let signalled = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += decoder.decode(value, { stream: true });
        if (!signalled && text.includes('PENDING_PAYMENT_FORM')) {
          signalled = true;
          opened();
        }
        if (text.includes('"status":"ACTIVE"')) {
          const at = performance.now();
          await reader.cancel();
          return at;
        }
      }
    }
    async function detectOne(delayMs) {
      const { tokenId, clientSecret } = await merchantCreate();
      let opened;
      const ready = new Promise((resolve) => {
        opened = resolve;
      });
      const seen = follow(tokenId, clientSecret, opened);
      await ready;
      await sleep(500 + Math.random() * 2_000); // the shopper types the card
      await force(tokenId, 'PROVISIONING');
      // What the widget does when SmartPay's form resolves.
      await fetch(`${server.url}/api/network-tokens/${tokenId}/card-submitted`, {
        dispatcher,
        method: 'POST',
        headers: { authorization: `Bearer ${clientSecret}` },
      });
      await sleep(delayMs);
      const changed = performance.now();
      await force(tokenId, 'ACTIVE');
      const at = await seen;
      return { tokenId, latencyMs: at - changed };
    }
    noteLoad();
    // The tokens start spread over DETECT_ARRIVALS_MS, not all at once: ~30 reads/s in all, under the
    // read budget (50/s by default), so the figures are the schedule's. (61 cards submitted within
    // 2.5 s want up to 240 reads/s: the budget binds, each token's reads come ~1 s apart, not 250–450 ms.)
    const lateCount = Math.round(detectCount / 2);
    const startAt = (i, count) => sleep((i * DETECT_ARRIVALS_MS) / count);
    const slow = detectOne(option('slow', 60_000));
    const early = Array.from({ length: detectCount }, (_, i) =>
      startAt(i, detectCount).then(() => detectOne(200 + Math.random() * 7_800)),
    );
    const late = Array.from({ length: lateCount }, (_, i) =>
      startAt(i + 0.5, lateCount).then(() => detectOne(12_000 + Math.random() * 8_000)),
    );
    const earlyResults = await Promise.all(early);
    const lateResults = await Promise.all(late);
    const slowResult = await slow;
    noteLoad();
    const { reads: readsOfSlow } = await get(`${server.url}/bench/upstream/reads/${slowResult.tokenId}`);
    const early50 = median(earlyResults.map((r) => r.latencyMs));
    const early95 = quantile(
      earlyResults.map((r) => r.latencyMs),
      0.95,
    );
    const late95 = quantile(
      lateResults.map((r) => r.latencyMs),
      0.95,
    );
    console.log(
      `detection: p50 ${early50.toFixed(0)} ms, p95 ${early95.toFixed(0)} ms; later p95 ${late95.toFixed(0)} ms; 60 s token: ${readsOfSlow} reads`,
    );
    if (DETECTION_ONLY) {
      console.log(
        `load average (1 min) during detection: ${load1
          .slice(-2)
          .map((x) => x.toFixed(2))
          .join(' → ')}`,
      );
      process.exit(0);
    }

    Object.assign(measured, {
      creates: Object.fromEntries(
        [10, 50].map((c) => [
          `concurrency${c}`,
          {
            serverPerSecond: round(median(throughput[c].server), 1),
            directPerSecond: round(median(throughput[c].direct), 1),
            ratio: round(median(throughput[c].server) / median(throughput[c].direct)),
            goal: 0.8,
            perRound: {
              server: throughput[c].server.map((x) => round(x, 1)),
              direct: throughput[c].direct.map((x) => round(x, 1)),
            },
          },
        ]),
      ),
      serverCpuMsPerCreate: round(median(cpuPerCreate)),
      detection: {
        withinTenSecondsOfSubmission: {
          p50Ms: round(early50, 0),
          p95Ms: round(early95, 0),
          goalP50Ms: 250,
          goalP95Ms: 750,
          tokens: earlyResults.length,
        },
        later: { p95Ms: round(late95, 0), goalP95Ms: 2_000, tokens: lateResults.length },
        readsForTokenTaking60s: { reads: readsOfSlow, goal: 60 },
      },
    });
  }

  // 3. Streams.
  console.log(`streams: creating ${streamCount} pending tokens at the sandbox`);
  const progress = (what) => console.log(`streams: ${what} (${new Date().toISOString()})`);
  const ids = [];
  await burst(
    async () => {
      ids.push((await directCreate()).tokenId);
    },
    streamCount,
    50,
  );
  for (let i = 0; i < ids.length; i += 2_000) {
    await fetch(`${server.url}/bench/fill`, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ids.slice(i, i + 2_000)),
    });
  }
  const { createClientSecrets } = await load('server/dist/tokens/client-secret.js');
  const secrets = createClientSecrets(SERVER_KEY);
  let createFailures = 0;
  const createLatency = async () => {
    const run = await burst(merchantCreate, 100, 10);
    createFailures += run.failures;
    return median(run.latencies);
  };
  progress('stored at the server');
  const quietBefore = await createLatency();
  const memoryBefore = await get(`${server.url}/bench/memory`);
  /** With --snapshot <file>: the server's heap as <file>-<streams open>.heapsnapshot (before and after). */
  const heapSnapshot = async (streamsOpen) => {
    const snapshot = text('snapshot');
    if (!snapshot) return;
    const written = await fetch(`${server.url}/bench/heap-snapshot`, {
      dispatcher,
      method: 'POST',
      body: resolve(`${snapshot}-${streamsOpen}.heapsnapshot`),
    });
    progress(`heap snapshot: ${(await written.json()).file}`);
  };
  await heapSnapshot(0);
  const open = [];
  async function openStreams(from, to) {
    const batch = [];
    for (let i = from; i < to; i++) {
      const tokenId = ids[i];
      batch.push(
        (async () => {
          const controller = new AbortController();
          const response = await fetch(`${server.url}/api/network-tokens/${tokenId}/events`, {
            dispatcher,
            headers: { authorization: `Bearer ${secrets.issue(tokenId)}` },
            signal: controller.signal,
          });
          if (response.status !== 200) throw new Error(`stream: ${response.status}`);
          const reader = response.body.getReader();
          await reader.read(); // the first status
          open.push(controller);
          reader.read().catch(() => {});
        })(),
      );
      if (batch.length >= 200) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
  }
  const half = Math.min(5_000, Math.floor(streamCount / 2));
  await openStreams(0, half);
  noteLoad();
  progress(`${open.length} open`);
  const busy = await createLatency();
  await openStreams(half, streamCount);
  await sleep(2_000);
  progress(`${open.length} open`);
  const memoryAfter = await get(`${server.url}/bench/memory`);
  await heapSnapshot(open.length);
  const healthStarted = performance.now();
  const health = await fetch(`${server.url}/healthz`, { dispatcher });
  const healthMs = performance.now() - healthStarted;
  const { requests: requestsBefore } = await get(`${server.url}/bench/upstream/reset`, {
    method: 'POST',
  }).then(() => get(`${server.url}/bench/upstream`));
  const windowStarted = performance.now();
  let mostConnections = 0;
  for (let i = 0; i < 20; i++) {
    await sleep(500); // the followed tokens read at the budget's pace
    mostConnections = Math.max(mostConnections, (await get(`${server.url}/bench/upstream`)).connections);
  }
  const upstream = await get(`${server.url}/bench/upstream`);
  upstream.requests -= requestsBefore;
  const windowMs = performance.now() - windowStarted;
  for (const controller of open) controller.abort();
  await sleep(2_000);
  const quietAfter = await createLatency();
  noteLoad();
  const perStream = (key) => (memoryAfter[key] - memoryBefore[key]) / open.length;

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: 2,
    loadAverage1m: { min: round(Math.min(...load1), 2), max: round(Math.max(...load1), 2) },
    settings: {
      ...(only ? { only } : {}),
      rounds,
      createsPerRound: creates,
      streams: streamCount,
      detectTokens: detectCount,
      detectArrivalsMs: DETECT_ARRIVALS_MS,
      poolSize: POOL_SIZE,
    },
    ...measured,
    streams: {
      open: open.length,
      heapPerStreamBytes: Math.round(perStream('heapUsed')),
      rssPerStreamBytes: Math.round(perStream('rss')),
      rssTotalMiB: round(memoryAfter.rss / 2 ** 20, 1),
      rssBeforeStreamsMiB: round(memoryBefore.rss / 2 ** 20, 1),
      goalPerStreamBytes: 30_000,
      goalTotalMiB: 400,
      createLatencyMedianMs: {
        quietBefore: round(quietBefore, 1),
        withStreamsOpen: round(busy, 1),
        quietAfter: round(quietAfter, 1),
      },
      streamsOpenDuringLatency: half,
      createLatencyRatio: round(busy / ((quietBefore + quietAfter) / 2)),
      createFailures,
      goalLatencyRatio: 1.1,
      healthz: { status: health.status, ms: round(healthMs, 1) },
      upstreamWhileFollowing: {
        mostConnections,
        mostInFlight: upstream.mostInFlight,
        poolSize: POOL_SIZE,
        requestsIn10s: upstream.requests,
        /** The window is 20 polls of 500 ms each and their answers: a little over 10 s. */
        windowMs: Math.round(windowMs),
      },
    },
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  const file = only ? 'server-perf-streams.json' : 'server-perf.json';
  writeFileSync(join(here, 'results', file), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  stop();
  process.exit(0);
}

if (args.includes('--sandbox')) await runSandbox();
else if (args.includes('--serve')) await runServer();
else await main();
