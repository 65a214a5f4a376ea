/** Running the commands a merchant would type (pnpm pack, npm install, tsc, vite), as child processes. */
import { spawn } from 'node:child_process';

export interface RunResult {
  readonly code: number;
  /** stdout and stderr, interleaved. */
  readonly output: string;
  readonly seconds: number;
}

/**
 * The environment of a merchant's shell: this process's, minus what pnpm sets for the script
 * running us (`npm_config_*` and the like would reconfigure the npm we start, e.g. its globalconfig).
 */
export function shellEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm|pnpm)_/i.test(key)) env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', ...extra };
}

/** Runs a command to its end (at most `timeoutMs`), collecting its output; never rejects on a failure exit. */
export function run(
  command: string,
  args: readonly string[],
  {
    cwd,
    env = shellEnv(),
    timeoutMs = 180_000,
  }: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<RunResult> {
  const since = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal)
        output += `\n(${command} ended by ${signal}${signal === 'SIGKILL' ? `, after ${timeoutMs} ms` : ''})`;
      resolve({ code: code ?? 1, output, seconds: (Date.now() - since) / 1000 });
    });
  });
}

/** Like {@link run}, but a failure exit is an error carrying the output. */
export async function mustRun(...params: Parameters<typeof run>): Promise<RunResult> {
  const result = await run(...params);
  if (result.code !== 0) {
    throw new Error(
      `${params[0]} ${params[1].join(' ')} failed (${result.code}) in ${params[2].cwd}:\n${result.output}`,
    );
  }
  return result;
}
