/**
 * Two builds of the kit side by side in one run (a change's before and after): creates through
 * each build's server against straight to the sandbox (server-perf.mjs's roles), and creates per
 * store (store-throughput.mjs's roles), rounds interleaved in a rotating order, medians. Besides
 * the rates it reads each process's CPU from /proc (Linux): the server's, the sandbox's, this
 * process's and PostgreSQL's (every `postgres` process), per create.
 *
 * `--before` is another checkout of the repository, built (`pnpm -r build`), e.g. a copy of this
 * one made before the change; `--after` defaults to this checkout. Writes nothing; prints JSON.
 *
 *   node bench/compare-builds.mjs --before /tmp/kit-before [--after .] [--part creates|stores|both]
 *     [--rounds 5] [--creates 300]
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent } from '../packages/server/node_modules/undici/index.js';
import { sandboxCreateInit } from './lib/sandbox-create.mjs';
import { startRole } from './lib/start-role.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const text = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const before = text('before');
if (!before) throw new Error('--before <checkout> is required');
const builds = { before: resolve(before), after: resolve(text('after', join(here, '..'))) };
const part = text('part', 'both');
const rounds = Number(text('rounds', 5));
const creates = Number(text('creates', 300));
const load = (path) => import(pathToFileURL(join(builds.after, 'packages', path)).href);

/** CPU time of a process, ms (utime + stime, clock ticks of 10 ms). */
function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
/** CPU time of every live `postgres` process, ms. */
function postgresCpuMs() {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
const selfCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round3 = (x) => Number(x.toFixed(3));

const dispatcher = new Agent({ connections: null, keepAliveTimeout: 30_000 });
const { exampleCreateTokenBody } = await load('contract/dist/examples.js');
const body = JSON.stringify(exampleCreateTokenBody());

/** `count` calls, `concurrency` at a time; per second. */
async function burst(call, count, concurrency) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await call();
    }),
  );
  return count / ((performance.now() - started) / 1000);
}
const merchantCreate = (url) => async () => {
  const response = await fetch(`${url}/api/network-tokens`, {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`create: ${response.status}`);
};

/**
 * Runs `rounds` rounds; in each, every target at each concurrency, in a rotating order. A target:
 * `{name, call, pid?}`. Returns, per target and concurrency, the medians of the rate and of the
 * CPU per create, and the per-round rates (ratios are taken round by round, so drift in the
 * machine's load between rounds does not skew them).
 */
async function measure(targets, concurrencies, cpuOf) {
  const samples = {};
  for (let r = 0; r < rounds; r++) {
    for (const concurrency of concurrencies) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const target of order) {
        const cpuBefore = cpuOf(target);
        const rate = await burst(target.call, creates, concurrency);
        const cpuAfter = cpuOf(target);
        const key = `${target.name} c${concurrency}`;
        samples[key] ??= { rate: [] };
        samples[key].rate.push(rate);
        for (const [what, ms] of Object.entries(cpuAfter)) {
          samples[key][`${what}CpuMs`] ??= [];
          samples[key][`${what}CpuMs`].push((ms - cpuBefore[what]) / creates);
        }
      }
    }
    console.error(`round ${r + 1} of ${rounds}, load ${loadavg()[0].toFixed(1)}`);
  }
  const result = {};
  for (const [key, entry] of Object.entries(samples)) {
    result[key] = Object.fromEntries(Object.entries(entry).map(([what, xs]) => [what, round3(median(xs))]));
    result[key].perRound = entry.rate.map((x) => Math.round(x));
  }
  return result;
}

/** The median over rounds of `a`'s rate ÷ `b`'s rate in the same round. */
const ratio = (a, b) => round3(median(a.perRound.map((x, i) => x / b.perRound[i])));

async function compareCreates() {
  const { basicAuthorization, DEFAULT_MERCHANT } = await load('sandbox/dist/index.js');
  const sandbox = await startRole(join(builds.after, 'bench/server-perf.mjs'), 'sandbox');
  const env = { SMARTPAY_BASE_URL: sandbox.url, LOG_LEVEL: 'error' };
  const servers = {};
  for (const [name, root] of Object.entries(builds)) {
    servers[name] = await startRole(join(root, 'bench/server-perf.mjs'), 'serve', { env });
  }
  try {
    const directInit = sandboxCreateInit(JSON.parse(body), basicAuthorization(DEFAULT_MERCHANT));
    const direct = async () => {
      const response = await fetch(`${sandbox.url}/network-tokens`, { dispatcher, ...directInit });
      await response.arrayBuffer();
      if (response.status !== 201 && response.status !== 200) throw new Error(`direct: ${response.status}`);
    };
    const targets = [
      ...Object.entries(servers).map(([name, s]) => ({
        name,
        call: merchantCreate(s.url),
        pid: s.child.pid,
      })),
      { name: 'direct', call: direct },
    ];
    for (const target of targets) await burst(target.call, 200, 10); // warm up
    const cpuOf = (target) => ({
      server: target.pid ? processCpuMs(target.pid) : 0,
      sandbox: processCpuMs(sandbox.child.pid),
      client: selfCpuMs(),
    });
    const result = await measure(targets, [10, 50], cpuOf);
    for (const c of [10, 50]) {
      result[`ratio c${c}`] = Object.fromEntries(
        Object.keys(builds).map((name) => [name, ratio(result[`${name} c${c}`], result[`direct c${c}`])]),
      );
    }
    return result;
  } finally {
    for (const role of [sandbox, ...Object.values(servers)]) role.child.kill();
  }
}

async function compareStores() {
  const { startSandbox } = await load('sandbox/dist/index.js');
  const pg = (await import(pathToFileURL(join(here, '../packages/server/node_modules/pg/lib/index.js')).href))
    .default;
  const databaseUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const sandbox = await startSandbox({ port: 0, timeScale: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'smartpay-compare-'));
  const schemas = [];
  const children = [];
  /** One store-throughput.mjs server of `root` on `engine`. */
  async function serve(root, engine, name) {
    const env = {
      ...process.env,
      SMARTPAY_BASE_URL: sandbox.url,
      LOG_LEVEL: 'error',
      DATABASE_URL: '',
      DATA_DIR: join(dataDir, name),
    };
    if (engine === 'postgres') {
      const schema = `smartpay_compare_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      env.DATABASE_URL = url.toString();
    }
    const child = spawn(process.execPath, [join(root, 'bench/store-throughput.mjs'), '--serve', engine], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const url = await new Promise((resolveUrl, reject) => {
      child.stdout.once('data', (chunk) => {
        const { port } = JSON.parse(chunk.toString().split('\n')[0]);
        resolveUrl(`http://127.0.0.1:${port}`);
      });
      child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
    });
    return { name, call: merchantCreate(url), pid: child.pid };
  }
  try {
    const targets = [await serve(builds.after, 'memory', 'memory')];
    for (const engine of ['pglite', 'postgres']) {
      for (const [build, root] of Object.entries(builds)) {
        targets.push(await serve(root, engine, `${engine}-${build}`));
      }
    }
    for (const target of targets) await burst(target.call, 100, 50); // warm up
    const cpuOf = (target) => ({
      server: processCpuMs(target.pid),
      postgres: postgresCpuMs(),
      benchAndSandbox: selfCpuMs(),
    });
    const result = await measure(targets, [50], cpuOf);
    for (const target of targets) {
      result[`${target.name} c50`].ratioToMemory = ratio(result[`${target.name} c50`], result['memory c50']);
    }
    return result;
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done()));
    }
    for (const schema of schemas) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = { date: new Date().toISOString(), builds, rounds, createsPerRound: creates };
if (part !== 'stores') results.creates = await compareCreates();
if (part !== 'creates') results.stores = await compareStores();
console.log(JSON.stringify(results, null, 2));
process.exit(0);
