/** Runs every benchmark in this folder in turn (each writes its figures to results/), then regenerates BENCHMARKS.md. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// compare-builds.mjs compares two checkouts (--before <dir>): a tool for a change, not part of the suite.
const skip = new Set(['run-all.mjs', 'report.mjs', 'compare-builds.mjs']);
let failed = 0;
for (const file of readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !skip.has(f))
  .sort()) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, [file], { cwd: here, stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
// BENCHMARKS.md at the root, from whatever results there are.
spawnSync(process.execPath, ['report.mjs'], { cwd: here, stdio: 'inherit' });
process.exit(failed ? 1 : 0);
