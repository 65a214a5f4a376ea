/**
 * Starts the real sandbox and merchant server as the user would (their built bins), on free ports,
 * with a small SANDBOX_TIME_SCALE, and stops them again. Each test file gets its own stack.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 2xx; fails early when the process exits, with what it printed. */
export async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // The server opens its PGlite database first: a few seconds, more on a busy machine.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy:\n${output()}`);
}

export interface LaunchOptions {
  /** Working directory, and what `script` is relative to (the repository root). */
  readonly cwd?: string;
  /** Arguments after the script. */
  readonly args?: readonly string[];
}

/** Runs a Node script with extra environment, collecting what it prints. */
export function launch(
  script: string,
  env: Record<string, string>,
  { cwd = ROOT, args = [] }: LaunchOptions = {},
) {
  const child = spawn(process.execPath, [resolve(cwd, script), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/** SIGTERM, then SIGKILL after 3 s; resolves once the process has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

export interface Stack {
  /** The merchant server, which also serves the demo: `http://localhost:<port>`. */
  readonly serverUrl: string;
  /** The SmartPay sandbox: `http://localhost:<port>`. */
  readonly sandboxUrl: string;
  /** Everything the server wrote to stdout/stderr (its structured logs). */
  serverLogs(): string;
  /** Calls the sandbox control API. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Multiplies every sandbox delay: 0.05 makes "ACTIVE after 1 s" take 50 ms. */
  readonly timeScale?: number;
  /** What the merchant server serves at `/`: the built demo unless another site is given. */
  readonly staticDir?: string;
}

export async function startStack({
  timeScale = 0.05,
  staticDir = join(ROOT, 'demo', 'dist'),
}: StackOptions = {}): Promise<Stack> {
  const [sandboxPort, serverPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://localhost:${sandboxPort}`;
  const serverUrl = `http://localhost:${serverPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'smartpay-e2e-'));
  const sandbox = launch('packages/sandbox/dist/bin.js', {
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_TIME_SCALE: String(timeScale),
    SANDBOX_PUBLIC_URL: sandboxUrl,
  });
  await waitHealthy(`http://127.0.0.1:${sandboxPort}/healthz`, sandbox.child, sandbox.output);
  const server = launch('packages/server/dist/bin.js', {
    PORT: String(serverPort),
    SMARTPAY_BASE_URL: sandboxUrl,
    MERCHANT_ORIGIN: serverUrl,
    DATA_DIR: dataDir,
    STATIC_DIR: staticDir,
    // As under `npm start`: signed webhooks to the server's own demo receiver.
    WEBHOOK_URL: `http://127.0.0.1:${serverPort}/demo/webhooks`,
    WEBHOOK_SECRET: `whsec_${Buffer.from('e2e demo webhook secret 32 bytes').toString('base64')}`,
    DEMO_WEBHOOK_RECEIVER: '1',
  });
  await waitHealthy(`http://127.0.0.1:${serverPort}/healthz`, server.child, server.output);

  return {
    serverUrl,
    sandboxUrl,
    serverLogs: server.output,
    async control(method, path, body) {
      const response = await fetch(`http://127.0.0.1:${sandboxPort}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`sandbox control ${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? undefined : response.json();
    },
    async stop() {
      await Promise.all([stopProcess(server.child), stopProcess(sandbox.child)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
