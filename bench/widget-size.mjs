/** The widget's CDN file, gzip and brotli, against its budget: results/widget-size.json. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'packages',
  'widget',
  'scripts',
  'size.mjs',
);
process.exit(spawnSync(process.execPath, [script, '--write'], { stdio: 'inherit' }).status ?? 1);
