/**
 * The size of the CDN file, the way browsers download it: gzip (level 9) and brotli (quality 11).
 * Prints both and fails above the budget (every build runs it); with `--write <file>`, also records
 * them there (`npm run bench` writes bench/results/widget-size.json).
 * Budget: the goal, 15 KB gzipped with lit-html, English and the whole payment-form flow inside
 * (KB = 1024 bytes, as in @smartpay/size): a build that grows the file past it fails.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compressedSizes, kb } from '@smartpay/size';

const GOAL = 15 * 1024;
const BUDGET = GOAL;
const FILE = 'dist-cdn/smartpay-network-token.js';

const size = compressedSizes(fileURLToPath(new URL(`../${FILE}`, import.meta.url)));
console.log(
  `${FILE}: ${kb(size.raw)} raw, ${kb(size.gzip)} gzip, ${kb(size.brotli)} brotli ` +
    `(budget and goal ${kb(BUDGET)} gzip)`,
);
const writeTo = process.argv.indexOf('--write');
if (writeTo !== -1) {
  const results = process.argv[writeTo + 1];
  if (!results) throw new Error('--write needs the file to write the figures to');
  const record = { date: new Date().toISOString(), file: `packages/widget/${FILE}` };
  writeFileSync(
    results,
    `${JSON.stringify({ ...record, ...size, budgetGzip: BUDGET, goalGzip: GOAL }, null, 2)}\n`,
  );
}
if (size.gzip > BUDGET) {
  console.error(`over budget by ${size.gzip - BUDGET} bytes gzipped`);
  process.exit(1);
}

// <smartpay-saved-cards>, its own CDN file (lit-html inside too): reported, with a budget of its own.
const SAVED_CARDS_BUDGET = 8 * 1024;
const SAVED_CARDS_FILE = 'dist-cdn/smartpay-saved-cards.js';
const savedCards = compressedSizes(fileURLToPath(new URL(`../${SAVED_CARDS_FILE}`, import.meta.url)));
console.log(
  `${SAVED_CARDS_FILE}: ${kb(savedCards.raw)} raw, ${kb(savedCards.gzip)} gzip, ${kb(savedCards.brotli)} brotli ` +
    `(budget ${kb(SAVED_CARDS_BUDGET)} gzip)`,
);
if (savedCards.gzip > SAVED_CARDS_BUDGET) {
  console.error(`${SAVED_CARDS_FILE}: over budget by ${savedCards.gzip - SAVED_CARDS_BUDGET} bytes gzipped`);
  process.exit(1);
}
