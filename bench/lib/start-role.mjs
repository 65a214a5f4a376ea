/**
 * Starts `script --<role>` in a child Node process (the sandbox or the server of a benchmark, each
 * in its own process) and resolves with its URL once it prints `LISTENING <url>`.
 */
import { spawn } from 'node:child_process';

export function startRole(script, role, { nodeArgs = [], env = {} } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, script, `--${role}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /LISTENING (\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`${role} exited (${code})`)));
  });
}
