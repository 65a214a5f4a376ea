/**
 * Where the merchant server spends its CPU on a create: the server runs under `node --cpu-prof`
 * while 400 payment-form creates go through it (concurrency 10, after 100 to warm up); the profile
 * is saved as results/create.cpuprofile (open it in Chrome DevTools or speedscope for the flame
 * graph) and summarized in results/create-profile.json: CPU per create and the functions with the
 * most self time.
 *
 *   node bench/create-profile.mjs [--creates 400]
 */
import { randomUUID } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startRole } from './lib/start-role.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const perf = join(here, 'server-perf.mjs');
const args = process.argv.slice(2);
const at = args.indexOf('--creates');
const creates = at >= 0 ? Number(args[at + 1]) : 400;

const profileDir = mkdtempSync(join(tmpdir(), 'create-profile-'));
const sandbox = await startRole(perf, 'sandbox');
const server = await startRole(perf, 'serve', {
  nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir],
  env: { SMARTPAY_BASE_URL: sandbox.url, LOG_LEVEL: 'error' },
});
const { exampleCreateTokenBody } = await import(
  pathToFileURL(join(here, '..', 'packages', 'contract', 'dist', 'examples.js')).href
);
const body = JSON.stringify(exampleCreateTokenBody());
const create = async () => {
  const response = await fetch(`${server.url}/api/network-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body,
  });
  if (response.status !== 201) throw new Error(`create: ${response.status}`);
  await response.arrayBuffer();
};
async function burst(count) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next++ < count) await create();
    }),
  );
}
const cpu = async () => (await fetch(`${server.url}/bench/cpu`)).json();
await burst(100);
const before = await cpu();
const started = performance.now();
await burst(creates);
const seconds = (performance.now() - started) / 1000;
const after = await cpu();
const exited = new Promise((resolve) => server.child.once('exit', resolve));
server.child.kill('SIGTERM');
await exited;
sandbox.child.kill();

const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
const results = join(here, 'results');
mkdirSync(results, { recursive: true });
renameSync(join(profileDir, file), join(results, 'create.cpuprofile'));
rmSync(profileDir, { recursive: true, force: true });

// Self time per function (the whole run, warm-up included), from the profile's samples.
const profile = JSON.parse(readFileSync(join(results, 'create.cpuprofile'), 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const gaps = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const { functionName, url, lineNumber } = node.callFrame;
  const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(packages|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  self.set(where, (self.get(where) ?? 0) + (gaps[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy = [...self.entries()].filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k));
const top = busy
  .sort((a, b) => b[1] - a[1])
  .slice(0, 25)
  .map(([where, us]) => ({
    where,
    selfMs: Number((us / 1000).toFixed(1)),
    share: Number((us / total).toFixed(3)),
  }));
const summary = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverage1m: Number(loadavg()[0].toFixed(2)),
  creates,
  createsPerSecond: Number((creates / seconds).toFixed(1)),
  serverCpuMsPerCreate: Number(
    ((after.user + after.system - before.user - before.system) / 1000 / creates).toFixed(3),
  ),
  garbageCollectorShare: Number(((self.get('(garbage collector) :0') ?? 0) / total).toFixed(3)),
  topSelfTime: top,
};
writeFileSync(join(results, 'create-profile.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
process.exit(0);
