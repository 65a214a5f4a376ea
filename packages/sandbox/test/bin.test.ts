import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

/** Runs the bin (from source, as the tests do) with extra environment. */
function runBin(env: Record<string, string>) {
  return spawn(process.execPath, ['--conditions=development', '--import', 'tsx', BIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('the bin serves on SANDBOX_PORT, says where, and stops cleanly on SIGTERM', async () => {
  const child = runBin({ SANDBOX_PORT: '0', SANDBOX_TIME_SCALE: '0.5' });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const match = /^SmartPay sandbox [\d.]+ on http:\/\/localhost:(\d+) \(time scale 0\.5\)/.exec(
    line.toString(),
  );
  assert.ok(match, `unexpected first line: ${line}`);
  const response = await fetch(`http://127.0.0.1:${match[1]}/healthz`);
  assert.equal(response.status, 200);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('the bin refuses a bad SANDBOX_TIME_SCALE with a message naming it', async () => {
  const child = runBin({ SANDBOX_PORT: '0', SANDBOX_TIME_SCALE: 'fast' });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /SANDBOX_TIME_SCALE must be a number >= 0, got "fast"/);
});
