/**
 * The size of the CDN file, the way browsers download it: gzip (level 9) and brotli (quality 11).
 * Prints both and fails above the budget (every build runs it); with --write, also records them in
 * bench/results/widget-size.json (`npm run bench` does that).
 * Budget: 21.5 KB gzipped with Lit inside (KB = 1024 bytes, as in bench/size.mjs): what the file weighs
 * today with its 41 languages moved out into chunks, so it cannot grow unnoticed. Goal: 15 KB, not
 * met (README, Size: Lit, the contract, the styles and English alone are 10.3 KB).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressedSizes, kb } from '../../../bench/size.mjs';

const BUDGET = 21.5 * 1024;
const GOAL = 15 * 1024;
const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '..', 'dist-cdn', 'smartpay-network-token.js');
const results = join(here, '..', '..', '..', 'bench', 'results', 'widget-size.json');

const size = compressedSizes(file);
console.log(
  `dist-cdn/smartpay-network-token.js: ${kb(size.raw)} raw, ${kb(size.gzip)} gzip, ${kb(size.brotli)} brotli ` +
    `(budget ${kb(BUDGET)} gzip, goal ${kb(GOAL)})`,
);
if (process.argv.includes('--write')) {
  const record = {
    date: new Date().toISOString(),
    file: 'packages/widget/dist-cdn/smartpay-network-token.js',
  };
  writeFileSync(
    results,
    `${JSON.stringify({ ...record, ...size, budgetGzip: BUDGET, goalGzip: GOAL }, null, 2)}\n`,
  );
}
if (size.gzip > BUDGET) {
  console.error(`over budget by ${size.gzip - BUDGET} bytes gzipped`);
  process.exit(1);
}
