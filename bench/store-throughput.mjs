/**
 * What durability costs: creates per second through the merchant server with each token store
 * (memory, PGlite, PostgreSQL), as ratios to the memory store, measured in one run, interleaved
 * and repeated; then each server's memory with 10,000 tokens stored. Writes
 * results/store-throughput.json.
 *
 * Each server is its own process (this file with `--serve <engine>`), built from
 * packages/server/dist; the SmartPay sandbox and the load run in this process. PostgreSQL is
 * BENCH_DATABASE_URL, TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, in a schema of
 * its own that is dropped at the end.
 *
 *   node bench/store-throughput.mjs [--rounds 3] [--creates 400] [--concurrency 50] [--stored 10000]
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packages = join(here, '..', 'packages');
const load = (path) => import(pathToFileURL(join(packages, path)).href);
const SERVER_KEY = 'bench-server-key-0123456789abcdef0123456789';
const TOKEN_KEYS = `bench:${Buffer.alloc(32, 7).toString('base64')}`;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};

/** The child: one merchant server on one store, plus GET /bench/memory. */
async function serve(engine) {
  const { serve: listen } = await import(
    pathToFileURL(join(packages, 'server', 'node_modules', '@hono', 'node-server', 'dist', 'index.mjs')).href
  );
  const server = await load('server/dist/index.js');
  const config = {
    ...server.loadConfig(process.env),
    clientSecretKey: SERVER_KEY,
    logger: server.silentLogger,
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
  };
  const store =
    engine === 'memory'
      ? new server.MemoryTokenStore()
      : await server.openTokenStore({ ...config, tokenEncryptionKeys: TOKEN_KEYS });
  const app = server.createApp({ ...config, store });
  // Stores `count` ACTIVE tokens (network token included) straight into the store, as creates and
  // reads would leave them, so that the memory figure does not wait on thousands of HTTP creates.
  app.post('/bench/fill', async (c) => {
    const count = Number(c.req.query('count'));
    const now = Date.now();
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, () => {
          const tokenId = randomUUID();
          const at = new Date(now).toISOString();
          return store.putToken({
            tokenId,
            accountReferenceId: randomUUID(),
            integrationFlow: 'payment-form',
            token: {
              tokenId,
              createdAt: at,
              updatedAt: at,
              authorizationId: randomUUID(),
              externalMerchantId: randomUUID(),
              tokenReferenceIdentifier: randomUUID(),
              status: 'ACTIVE',
              networkToken: {
                extIdentifier: randomUUID(),
                tokenExpiryMonth: '12',
                tokenExpiryYear: '29',
                tokenNumber: '4895370012003478',
              },
              tokenizedCardData: {
                accountHolderReferenceId: randomUUID(),
                brand: 'VISA',
                last4Digits: '1111',
                expiryMonth: '12',
                expiryYear: '29',
              },
            },
            fullView: true,
            checkedAt: now,
            followSince: now,
          });
        }),
      );
    }
    return c.json({ stored: count });
  });
  app.get('/bench/memory', (c) => {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    return c.json({ rss, heapUsed });
  });
  const running = listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
  });
  process.once('SIGTERM', () => running.close(() => store.close().finally(() => process.exit(0))));
}

function startChild(engine, env) {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--serve', engine], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => {
      const { port } = JSON.parse(chunk.toString().split('\n')[0]);
      resolve({ engine, child, url: `http://127.0.0.1:${port}` });
    });
    child.once('exit', (code) => reject(new Error(`${engine} server exited (${code})`)));
  });
}

/** Failed creates per engine and status, reported beside the rates (they do not count as done). */
const failures = {};

async function createMany(url, count, concurrency, body, engine = 'warm-up') {
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const response = await fetch(`${url}/api/network-tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 201) done++;
        else {
          failures[engine] ??= {};
          failures[engine][response.status] = (failures[engine][response.status] ?? 0) + 1;
        }
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const rounds = option('rounds', 3);
  const creates = option('creates', 400);
  const concurrency = option('concurrency', 50);
  const storedTarget = option('stored', 10_000);
  const { startSandbox } = await load('sandbox/dist/index.js');
  const { exampleCreateTokenBody } = await load('contract/dist/examples.js');
  const pg = (
    await import(pathToFileURL(join(packages, 'server', 'node_modules', 'pg', 'lib', 'index.js')).href)
  ).default;

  const sandbox = await startSandbox({ port: 0, timeScale: 0 });
  const databaseUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const schema = `smartpay_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const schemaUrl = new URL(databaseUrl);
  schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'smartpay-bench-'));
  const base = { SMARTPAY_BASE_URL: sandbox.url, LOG_LEVEL: 'error', DATABASE_URL: '' };

  const servers = [];
  try {
    servers.push(await startChild('memory', { ...base, DATA_DIR: join(dataDir, 'memory') }));
    servers.push(await startChild('pglite', { ...base, DATA_DIR: join(dataDir, 'pglite') }));
    servers.push(
      await startChild('postgres', {
        ...base,
        DATA_DIR: join(dataDir, 'pg'),
        DATABASE_URL: schemaUrl.toString(),
      }),
    );
    const body = JSON.stringify(exampleCreateTokenBody());
    const stored = Object.fromEntries(servers.map((s) => [s.engine, 0]));
    for (const server of servers) {
      await createMany(server.url, 100, concurrency, body); // warm up
      stored[server.engine] += 100;
    }

    const perRound = [];
    for (let round = 0; round < rounds; round++) {
      const rates = {};
      // Interleaved, in a different order each round, so drift on the machine hits all alike.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) {
        rates[server.engine] = await createMany(server.url, creates, concurrency, body, server.engine);
        stored[server.engine] += creates;
      }
      perRound.push(rates);
      console.log(
        `round ${round + 1}: ${servers.map((s) => `${s.engine} ${rates[s.engine].toFixed(0)}/s`).join(', ')}`,
      );
    }
    const ratios = {};
    const exactRatios = {};
    const createsPerSecond = {};
    for (const { engine } of servers) {
      createsPerSecond[engine] = Math.round(median(perRound.map((r) => r[engine])));
      exactRatios[engine] = median(perRound.map((r) => r[engine] / r.memory));
      ratios[engine] = Number(exactRatios[engine].toFixed(3));
    }

    const memory = {};
    for (const server of servers) {
      const missing = Math.max(0, storedTarget - stored[server.engine]);
      await (await fetch(`${server.url}/bench/fill?count=${missing}`, { method: 'POST' })).arrayBuffer();
      const usage = await (await fetch(`${server.url}/bench/memory`)).json();
      memory[server.engine] = {
        rssMB: Math.round(usage.rss / 1e6),
        heapUsedMB: Math.round(usage.heapUsed / 1e6),
      };
    }

    const results = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).availableParallelism(),
      settings: { rounds, createsPerRound: creates, concurrency, tokensStoredForMemory: storedTarget },
      createsPerSecond,
      ratioToMemory: ratios,
      goal: { postgresRatioAtLeast: 0.8, met: exactRatios.postgres >= 0.8 },
      perRound,
      failedCreates: failures,
      memoryWithTokensStored: memory,
    };
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'store-throughput.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`creates/s (median): ${JSON.stringify(createsPerSecond)}`);
    console.log(`ratio to memory (median): ${JSON.stringify(ratios)}`);
    console.log(`memory with ${storedTarget} tokens: ${JSON.stringify(memory)}`);
    if (Object.keys(failures).length > 0) console.log(`failed creates: ${JSON.stringify(failures)}`);
  } finally {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args[0] === '--serve') await serve(args[1]);
else await main();
