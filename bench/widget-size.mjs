/** The widget's CDN file, gzip and brotli, against its budget: results/widget-size.json. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const results = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(results, { recursive: true });
const run = spawnSync(
  'pnpm',
  ['--filter', '@smartpay/widget', 'run', '--silent', 'size', '--write', join(results, 'widget-size.json')],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
