/**
 * Item 12 of issue 11: every status read carries the poller's process-long shutdown signal. Read
 * 100,000 times, back to back through the transport and spread over jobs as polls are (50 in
 * flight), the heap retained after gc stays flat and no warning (MaxListenersExceededWarning) is
 * printed. Each way runs in its own child process with --expose-gc, both at once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const READS = 100_000;
/** Before the fix both ways kept about 50 bytes per read; after gc the noise is under 10. */
const MAX_BYTES_PER_READ = 20;
const script = fileURLToPath(new URL('./helpers/read-loop.ts', import.meta.url));

interface LoopResult {
  mode: string;
  reads: number;
  bytesPerRead: number;
  maxInFlight: number;
  warnings: string[];
}

function readLoop(mode: 'transport' | 'jobs'): Promise<{ result: LoopResult; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--conditions=development', '--import', 'tsx', script, mode, String(READS)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${mode} read loop exited ${code}: ${stderr}`));
      resolve({ result: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LoopResult, stderr });
    });
  });
}

test('100,000 reads with the shutdown signal, both ways: flat heap, no warning', {
  timeout: 240_000,
}, async () => {
  const runs = await Promise.all([readLoop('transport'), readLoop('jobs')]);
  for (const { result, stderr } of runs) {
    assert.equal(result.reads, READS);
    assert.doesNotMatch(stderr, /MaxListenersExceededWarning|Warning/, `${result.mode}: ${stderr}`);
    assert.deepEqual(result.warnings, [], result.mode);
    assert.ok(
      result.bytesPerRead < MAX_BYTES_PER_READ,
      `${result.mode}: the heap grew ${result.bytesPerRead.toFixed(1)} bytes per read`,
    );
  }
  const jobs = runs.find((run) => run.result.mode === 'jobs');
  assert.ok((jobs?.result.maxInFlight ?? 0) > 10, 'more than 10 reads were in flight at once');
});
