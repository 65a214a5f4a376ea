/**
 * The widget's CDN file, gzip and brotli, against its budget: results/widget-size.json; and what
 * each part of it costs (Lit, the contract's rules, styles, texts, the widget's code):
 * results/widget-size-breakdown.json.
 */
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
if (run.status !== 0) process.exit(run.status ?? 1);
const breakdown = spawnSync(
  'pnpm',
  [
    '--filter',
    '@smartpay/widget',
    'run',
    '--silent',
    'size:breakdown',
    '--write',
    join(results, 'widget-size-breakdown.json'),
  ],
  { stdio: 'inherit' },
);
process.exit(breakdown.status ?? 1);
