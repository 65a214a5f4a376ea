/**
 * The size of the CDN file, the way browsers download it: gzip (level 9) and brotli (quality 11).
 * Prints both, writes them to bench/results/widget-size.json, and fails above the budget.
 * Budget: 20 KB gzipped with Lit inside (KB = 1024 bytes, as in bench/size.mjs); goal: 15 KB.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET = 20 * 1024;
const GOAL = 15 * 1024;
const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '..', 'dist-cdn', 'smartpay-network-token.js');
const results = join(here, '..', '..', '..', 'bench', 'results', 'widget-size.json');

const bytes = readFileSync(file);
const size = {
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

console.log(
  `dist-cdn/smartpay-network-token.js: ${kb(size.raw)} raw, ${kb(size.gzip)} gzip, ${kb(size.brotli)} brotli ` +
    `(budget ${kb(BUDGET)} gzip, goal ${kb(GOAL)})`,
);
mkdirSync(dirname(results), { recursive: true });
writeFileSync(
  results,
  `${JSON.stringify({ date: new Date().toISOString(), file: 'packages/widget/dist-cdn/smartpay-network-token.js', ...size, budgetGzip: BUDGET, goalGzip: GOAL }, null, 2)}\n`,
);
if (size.gzip > BUDGET) {
  console.error(`over budget by ${size.gzip - BUDGET} bytes gzipped`);
  process.exit(1);
}
