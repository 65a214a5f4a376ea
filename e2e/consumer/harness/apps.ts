/**
 * Merchant apps: the templates in apps/ copied next to the tarballs and installed with npm from the
 * registry, then their servers started the way their package.json scripts would.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launch, stopProcess, waitHealthy } from '@smartpay/e2e/harness/stack';
import { mustRun, type RunResult } from './run.ts';

const TEMPLATES = fileURLToPath(new URL('../apps/', import.meta.url));

/** The apps, each installed on its own so that an undeclared dependency cannot hide behind another package. */
export const APPS = ['browser', 'server', 'sandbox'] as const;
export type AppName = (typeof APPS)[number];

/**
 * Copies an app into `workdir` (next to `workdir/tarballs`) and runs `npm install` there. npm's own
 * cache (~/.npm) keeps downloads between runs; `--prefer-offline` skips revalidating what it holds.
 */
export async function installApp(
  name: AppName,
  workdir: string,
): Promise<{ dir: string; install: RunResult }> {
  const dir = join(workdir, name);
  cpSync(join(TEMPLATES, name), dir, { recursive: true });
  const install = await mustRun(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: dir, timeoutMs: 240_000 },
  );
  return { dir, install };
}

export interface Running {
  /** `http://localhost:<port>`. */
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
}

export interface StartOptions {
  /** Variables, or a function of the port the app gets. */
  readonly env?: Record<string, string> | ((port: number) => Record<string, string>);
  readonly args?: readonly string[];
  /** The variable that takes the port (PORT). */
  readonly portVariable?: string;
  /** Also pass `--port <port> --strictPort --host 127.0.0.1` (vite). */
  readonly portFlag?: boolean;
  /** What must answer 2xx once it is ready (`/`). */
  readonly healthPath?: string;
}

/** Starts a Node script of an installed app (a package bin, a compiled server, vite) on a free port. */
export async function startInApp(
  dir: string,
  script: string,
  { env = {}, args = [], portVariable = 'PORT', portFlag = false, healthPath = '/' }: StartOptions = {},
): Promise<Running> {
  const port = await freePort();
  const started = launch(
    script,
    { FORCE_COLOR: '0', [portVariable]: String(port), ...(typeof env === 'function' ? env(port) : env) },
    {
      cwd: dir,
      args: portFlag ? [...args, '--port', String(port), '--strictPort', '--host', '127.0.0.1'] : args,
    },
  );
  await waitHealthy(`http://127.0.0.1:${port}${healthPath}`, started.child, started.output);
  return { url: `http://localhost:${port}`, child: started.child, output: started.output };
}

export async function stopAll(running: readonly (Running | undefined)[]): Promise<void> {
  await Promise.all(running.map((r) => r && stopProcess(r.child)));
}

/**
 * Compiles an app's TypeScript files one by one (what tsx or esbuild do: no type check) with the
 * app's own TypeScript, into dist/. The type check is a test of its own, off the critical path.
 */
export function transpile(dir: string, files: readonly string[]): void {
  const ts = createRequire(join(dir, 'package.json'))('typescript') as typeof import('typescript');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const file of files) {
    const { outputText } = ts.transpileModule(readFileSync(join(dir, 'src', file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    writeFileSync(join(dir, 'dist', file.replace(/\.ts$/, '.js')), outputText);
  }
}
