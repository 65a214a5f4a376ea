#!/usr/bin/env node
/**
 * The one entry behind `npm start`, `npm test`, `npm run sandbox|dev|bench`. Needs only Node:
 * it fetches pnpm through npx when the pinned version is missing, installs with the frozen
 * lockfile when dependencies are missing or stale, builds what changed, then runs the command.
 * `test` also finds (or, as root on Debian, installs) Chromium and PostgreSQL for the tests.
 *
 *   node scripts/bootstrap.mjs start     sandbox on SANDBOX_PORT (4010), merchant server + demo on PORT (8787)
 *   node scripts/bootstrap.mjs test      lint, typecheck, every package's tests; last line "N passed, N failed"
 *   node scripts/bootstrap.mjs test e2e  only the packages whose name contains "e2e" (no lint)
 *   node scripts/bootstrap.mjs sandbox   the sandbox alone
 *   node scripts/bootstrap.mjs dev       sandbox, server and the demo with hot reload
 *   node scripts/bootstrap.mjs bench     the benchmarks in bench/
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATHS, findChromium } from '../tools/chromium/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const MIN_NODE = [20, 19];
const INSTALL_STAMP = join(ROOT, 'node_modules', '.smartpay-install-stamp');
const BUILD_STAMP = join(ROOT, 'node_modules', '.smartpay-build-stamp');
const SOURCE_DIRS = ['packages', 'demo', 'e2e', 'bench'];
const COMMANDS = ['start', 'test', 'sandbox', 'dev', 'bench'];
/** Files no build reads: tests and their helpers, docs, screenshots (editing them must not rebuild anything). */
const NOT_BUILD_INPUT = /(^|\/)(test|tests|screenshots)\/|\.(test|check)\.tsx?$|\.md$/;
const DEMO_DIST = join(ROOT, 'demo', 'dist');
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'dist-cdn',
  '.data',
  'results',
  'artifacts',
  'custom-elements.json',
]);

const command = process.argv[2] ?? 'start';
const env = { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const started = Date.now();

const log = (message) => console.log(`[smartpay] ${message}`);
/** Stops with a message; under `test` the last line is still the summary CI looks for. */
const fail = (message) => {
  console.error(`[smartpay] ${message}`);
  if (command === 'test') console.log('0 passed, 1 failed');
  process.exit(1);
};
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command to completion with inherited output; returns its exit code. */
function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    fail(`Node ${MIN_NODE.join('.')} or newer is needed; this is ${process.versions.node}.`);
  }
}

/** Puts pnpm PNPM_VERSION on PATH: the installed one if it matches, otherwise one fetched by npx. */
function ensurePnpm() {
  const installed = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.trim() === PNPM_VERSION) return;
  log(`fetching pnpm ${PNPM_VERSION} through npx`);
  const found = spawnSync('npx', ['-y', `--package=pnpm@${PNPM_VERSION}`, '-c', 'command -v pnpm'], {
    env,
    encoding: 'utf8',
  });
  const path = found.stdout?.trim().split('\n').pop();
  if (found.status !== 0 || !path) fail(`could not get pnpm ${PNPM_VERSION} through npx:\n${found.stderr}`);
  env.PATH = `${dirname(path)}${delimiter}${env.PATH}`;
}

/** Every file under the given folders (minus build output), for change detection. */
function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function fingerprint(files, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const file of files) hash.update(relative(ROOT, file)).update(readFileSync(file));
  return hash.digest('hex');
}

const readStamp = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** The root manifests and every package.json under the source folders (nested examples included). */
function manifests() {
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'].map((f) => join(ROOT, f));
  for (const dir of SOURCE_DIRS) {
    const top = join(ROOT, dir);
    if (existsSync(top)) files.push(...[...walk(top)].filter((file) => basename(file) === 'package.json'));
  }
  return files.filter((file) => existsSync(file));
}

/** Installs with the frozen lockfile when node_modules is missing or older than the manifests. */
function ensureInstalled() {
  const stamp = fingerprint(manifests(), `${process.version} pnpm ${PNPM_VERSION}`);
  if (readStamp(INSTALL_STAMP) === stamp) return;
  const since = Date.now();
  log('installing dependencies (pnpm install --frozen-lockfile)');
  if (run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only']) !== 0)
    fail('pnpm install failed');
  writeFileSync(INSTALL_STAMP, stamp);
  log(`installed in ${seconds(since)}`);
}

/** What `pnpm -r build` reads: the shared tsconfig, and each package with a build script minus NOT_BUILD_INPUT. */
function buildInputs() {
  const packageDirs = manifests()
    .filter((file) => dirname(file) !== ROOT && JSON.parse(readFileSync(file, 'utf8')).scripts?.build)
    .map((file) => dirname(file));
  const files = packageDirs.flatMap((dir) => [...walk(dir)]);
  return [
    join(ROOT, 'tsconfig.base.json'),
    ...files.filter((file) => !NOT_BUILD_INPUT.test(relative(ROOT, file))),
  ];
}

/** Builds every package (pnpm runs them in dependency order) unless no build input changed since the last build. */
function ensureBuilt() {
  const stamp = fingerprint(buildInputs(), readStamp(INSTALL_STAMP));
  if (readStamp(BUILD_STAMP) === stamp) return;
  const since = Date.now();
  log('building');
  if (run('pnpm', ['-r', '--reporter=append-only', 'build']) !== 0) fail('build failed');
  writeFileSync(BUILD_STAMP, stamp);
  log(`built in ${seconds(since)}`);
}

/** Installs one of Debian's packages (as root). */
function aptInstall(name) {
  log(`installing Debian's ${name} package (apt-get)`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env: aptEnv }) !== 0) fail('apt-get update failed');
  if (run('apt-get', ['install', '-y', '-qq', name], { env: aptEnv }) !== 0)
    fail(`installing ${name} failed`);
}

/** Finds Chromium for the browser tests: CHROME_PATH, then the usual paths, then apt on Debian as root. */
function ensureChromium() {
  if (env.CHROME_PATH && !existsSync(env.CHROME_PATH)) {
    fail(`CHROME_PATH is ${env.CHROME_PATH}, but there is no file there.`);
  }
  const found = findChromium(env);
  if (found) {
    env.CHROME_PATH = found;
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) {
    fail(
      'Chromium is needed for the browser tests and was not found. Install it (Debian/Ubuntu: ' +
        '`sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  const since = Date.now();
  aptInstall('chromium');
  env.CHROME_PATH =
    CHROMIUM_PATHS.find((path) => existsSync(path)) ?? fail('chromium installed, but not found');
  log(`chromium installed in ${seconds(since)}`);
}

/** The server tests' PostgreSQL when nothing says otherwise: the development machines' local server. */
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `SELECT 1` through node-postgres (installed with the server); resolves to an error message or ''. */
async function tryPostgres(url) {
  const { createRequire } = await import('node:module');
  const pg = createRequire(join(ROOT, 'packages', 'server', 'package.json'))('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return '';
  } catch (error) {
    return error.message || String(error.code);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs psql as the postgres user (peer authentication, so no password is needed). */
const asPostgres = (sql) =>
  run('su', ['postgres', '-c', `psql -q -v ON_ERROR_STOP=0 -c "${sql}"`], { cwd: '/' });

/** Starts every Debian PostgreSQL cluster that is installed but stopped. */
function startDebianClusters() {
  if (!existsSync('/etc/postgresql')) return false;
  for (const version of readdirSync('/etc/postgresql')) {
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore' });
  }
  return true;
}

/**
 * PostgreSQL for the server tests, as for Chromium: TEST_DATABASE_URL when set; else the server
 * on 127.0.0.1:5432 (trust auth, database `test`); else, as root on Debian, Debian's `postgresql`
 * package installed and started; else a message saying what to install.
 */
async function ensurePostgres() {
  if (env.TEST_DATABASE_URL) {
    const problem = await tryPostgres(env.TEST_DATABASE_URL);
    if (problem) fail(`TEST_DATABASE_URL does not answer: ${problem}`);
    return;
  }
  if (!(await tryPostgres(DEFAULT_TEST_DATABASE_URL))) {
    env.TEST_DATABASE_URL = DEFAULT_TEST_DATABASE_URL;
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) {
    fail(
      'PostgreSQL is needed for the server tests and none answers on 127.0.0.1:5432. Install and start it ' +
        '(Debian/Ubuntu: `sudo apt-get install postgresql`) with a database `test` the user `postgres` can ' +
        'reach without a password, or set TEST_DATABASE_URL=postgres://user:password@host:port/database.',
    );
  }
  const since = Date.now();
  if (!startDebianClusters()) {
    aptInstall('postgresql');
    startDebianClusters();
  }
  // Debian asks for a password over TCP: give the postgres user a local-only one for the tests.
  const url = 'postgres://postgres:postgres@127.0.0.1:5432/test';
  for (
    let attempt = 0;
    attempt < 20 && run('pg_isready', ['-q', '-h', '127.0.0.1'], { stdio: 'ignore' }) !== 0;
    attempt++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  asPostgres("ALTER USER postgres PASSWORD 'postgres'");
  asPostgres('CREATE DATABASE test');
  const problem = await tryPostgres(url);
  if (problem) fail(`PostgreSQL was installed and started, but does not answer: ${problem}`);
  env.TEST_DATABASE_URL = url;
  log(`PostgreSQL ready for the tests in ${seconds(since)}`);
}

/** Workspace packages, in the order pnpm lists them (dependencies first). */
function workspacePackages() {
  const listed = spawnSync('pnpm', ['-r', 'ls', '--json', '--depth', '-1'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (listed.status !== 0) fail(`could not list the workspace:\n${listed.stderr}`);
  return JSON.parse(listed.stdout)
    .filter((pkg) => pkg.path !== ROOT)
    .map((pkg) => ({
      name: pkg.name,
      dir: pkg.path,
      scripts: JSON.parse(readFileSync(join(pkg.path, 'package.json'), 'utf8')).scripts ?? {},
    }));
}

/**
 * Runs one step, streaming its output, and counts its tests from the last summary it prints:
 * node's TAP (`# pass N` / `# fail N`) or a line `… N passed, N failed`. A step without a
 * summary counts as one check. A failing exit code always counts as at least one failure.
 */
function step(label, cmd, args, cwd) {
  return new Promise((resolve) => {
    const since = Date.now();
    console.log(`\n[smartpay] ── ${label}`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const tee = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => {
      const text = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      const tapPass = [...text.matchAll(/^# pass (\d+)$/gm)].at(-1);
      const tapFail = [...text.matchAll(/^# fail (\d+)$/gm)].at(-1);
      const line = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
      let passed;
      let failed;
      if (tapPass && tapFail) [passed, failed] = [Number(tapPass[1]), Number(tapFail[1])];
      else if (line) [passed, failed] = [Number(line[1]), Number(line[2])];
      else [passed, failed] = code === 0 ? [1, 0] : [0, 1];
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ label, passed, failed, time: seconds(since) });
    });
  });
}

/** Lint, typecheck and tests; with a filter, only the packages whose name contains it (and no lint). */
async function test(filter) {
  ensureChromium();
  if (!filter || '@smartpay/server'.includes(filter)) await ensurePostgres();
  ensureBuilt();
  const packages = workspacePackages().filter((pkg) => !filter || pkg.name.includes(filter));
  if (packages.length === 0) fail(`no package name contains "${filter}"`);
  const results = [];
  if (!filter) results.push(await step('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.'], ROOT));
  for (const pkg of packages.filter((p) => p.scripts.typecheck)) {
    results.push(await step(`typecheck ${pkg.name}`, 'pnpm', ['run', '--silent', 'typecheck'], pkg.dir));
  }
  for (const pkg of packages.filter((p) => p.scripts.test)) {
    results.push(await step(`test ${pkg.name}`, 'pnpm', ['run', '--silent', 'test'], pkg.dir));
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log('\n[smartpay] summary');
  for (const r of results) {
    console.log(
      `  ${r.failed ? 'FAIL' : 'ok  '}  ${r.label.padEnd(36)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed  (${r.time})`,
    );
  }
  console.log(`[smartpay] total time ${seconds(started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** The long-running processes `start`, `sandbox` and `dev` launch, where the package has been built. */
function services(which) {
  // The server's bin serves a site only when told: here, the built demo at `/`.
  if (!env.STATIC_DIR && existsSync(DEMO_DIST)) env.STATIC_DIR = DEMO_DIST;
  const sandboxPort = env.SANDBOX_PORT ?? '4010';
  const port = env.PORT ?? '8787';
  // The server calls the sandbox started here unless told to call another SmartPay.
  env.SMARTPAY_BASE_URL ??= `http://localhost:${sandboxPort}`;
  // The sandbox keeps its tokens beside the server's (.data/), so tokens the server resumes after a
  // restart are still there.
  env.SANDBOX_DATA_DIR ??= join(ROOT, '.data', 'sandbox');
  const all = {
    sandbox: {
      bin: 'packages/sandbox/dist/bin.js',
      url: `http://localhost:${sandboxPort}`,
      health: `http://127.0.0.1:${sandboxPort}/healthz`,
    },
    server: {
      bin: 'packages/server/dist/bin.js',
      url: `http://localhost:${port}`,
      health: `http://127.0.0.1:${port}/healthz`,
    },
  };
  return which
    .map((name) => ({ name, ...all[name] }))
    .filter((service) => existsSync(join(ROOT, service.bin)));
}

async function waitHealthy(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}

/** Starts processes, prints where they listen, and stops all of them on Ctrl-C or when one dies. */
async function serve(names, extra = []) {
  ensureBuilt();
  const list = services(names);
  if (list.length === 0 && extra.length === 0)
    fail('nothing to start yet: no server or sandbox has been built.');
  const children = [];
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    }, 5000);
    force.unref();
    Promise.all(
      children.map((child) => child.exitCode !== null || new Promise((r) => child.once('exit', r))),
    ).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  const launch = (name, cmd, args, cwd = ROOT) => {
    const child = spawn(cmd, args, { cwd, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping the rest`);
        stop(code || 1);
      }
    });
    children.push(child);
    return child;
  };
  for (const service of list) {
    const child = launch(service.name, process.execPath, [service.bin]);
    if (!(await waitHealthy(service.health, child))) {
      log(`${service.name} did not answer ${service.health}`);
      return stop(1);
    }
  }
  for (const [name, cmd, args, cwd] of extra) launch(name, cmd, args, cwd);
  console.log('');
  for (const service of list) log(`${service.name.padEnd(8)} ${service.url}`);
  if (list.some((s) => s.name === 'server')) log(`demo     ${list.find((s) => s.name === 'server').url}/`);
  log(`ready in ${seconds(started)}. Press Ctrl-C to stop.`);
}

checkNode();
if (!COMMANDS.includes(command)) fail(`unknown command "${command}": use ${COMMANDS.join(', ')}`);
ensurePnpm();
ensureInstalled();
switch (command) {
  case 'test':
    await test(process.argv[3]);
    break;
  case 'start':
    await serve(['sandbox', 'server']);
    break;
  case 'sandbox':
    await serve(['sandbox']);
    break;
  case 'dev':
    // The Vite dev server (demo/vite.config.ts, port 5173) proxies /api to the merchant server.
    env.ALLOWED_ORIGINS = [env.ALLOWED_ORIGINS, 'http://localhost:5173'].filter(Boolean).join(',');
    await serve(
      ['sandbox', 'server'],
      [['demo (vite)', 'pnpm', ['--filter', '@smartpay/demo', 'run', 'dev'], ROOT]],
    );
    break;
  case 'bench':
    ensureBuilt();
    process.exit(run('pnpm', ['--filter', '@smartpay/bench', 'run', 'bench']));
    break;
}
