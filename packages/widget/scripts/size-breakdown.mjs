/**
 * What each part of the CDN file costs, gzipped: `pnpm --filter @smartpay/widget size:breakdown`
 * (after a build).
 *
 * Method. The CDN file is built again with a source map into a temporary folder. Every byte of the
 * minified output is attributed to the source file it came from (the map's segments), and the files
 * are grouped: Lit, the contract's rules and country table, the styles, the English texts, and the
 * widget's own code (bundler glue counts as widget code). The static text of the `html` templates
 * is measured with a second build in which each template's text is emptied (SIZE_PROBE=templates).
 * For each part two figures: its gzip size alone, and its marginal cost: gzip(file) minus gzip(file
 * without that part). Gzip is not additive (parts share a dictionary), so neither column sums to the
 * total exactly; the marginal cost is what removing the part would save.
 * With `--write <file>`, also records the rows there (`npm run bench` writes
 * bench/results/widget-size-breakdown.json, which BENCHMARKS.md shows).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILE = 'smartpay-network-token.js';
const gzip = (text) => gzipSync(typeof text === 'string' ? Buffer.from(text) : text, { level: 9 }).length;

function build(extraEnv) {
  const outDir = mkdtempSync(join(tmpdir(), 'widget-size-'));
  const run = spawnSync('pnpm', ['exec', 'vite', 'build', '--mode', 'cdn', '--logLevel', 'error'], {
    cwd: here,
    env: { ...process.env, SIZE_OUT_DIR: outDir, SIZE_SOURCEMAP: '1', ...extraEnv },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stderr}`);
  const code = readFileSync(join(outDir, FILE), 'utf8');
  const map = JSON.parse(readFileSync(join(outDir, `${FILE}.map`), 'utf8'));
  rmSync(outDir, { recursive: true, force: true });
  return { code, map };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The map's segments, decoded: [line, column, sourceIndex?] in generated order. */
function segments(mappings) {
  const out = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      out.push([lineIndex, column, values.length > 1 ? source : undefined]);
    }
  });
  return out;
}

function groupOf(path) {
  if (!path) return 'widget code';
  if (/node_modules\/.*(lit|@lit)/.test(path)) return 'Lit';
  if (path.includes('packages/contract/')) return 'contract rules and countries';
  if (path.endsWith('.styles.ts')) return 'styles';
  if (/\/locales\/|messages\.ts$/.test(path)) return 'English texts';
  return 'widget code';
}

/** The generated text of each group (the other groups' text cut out). */
function split(code, map) {
  const lines = code.split('\n');
  const parts = new Map();
  const add = (group, text) => parts.set(group, (parts.get(group) ?? '') + text);
  const all = segments(map.mappings);
  lines.forEach((line, lineIndex) => {
    const own = all.filter(([l]) => l === lineIndex);
    if (!own.length || own[0][1] > 0) add('widget code', line.slice(0, own[0]?.[1] ?? line.length));
    own.forEach(([, column, source], i) => {
      const end = own[i + 1]?.[1] ?? line.length;
      add(groupOf(source === undefined ? undefined : map.sources[source]), line.slice(column, end));
    });
    add('widget code', '\n');
  });
  return parts;
}

const full = build({});
const total = gzip(full.code);
const parts = split(full.code, full.map);
const rows = [];
for (const [group, text] of parts) {
  let rest = '';
  for (const [other, otherText] of parts) if (other !== group) rest += otherText;
  rows.push([group, Buffer.byteLength(text), gzip(text), total - gzip(rest)]);
}
const probe = build({ SIZE_PROBE: 'templates' });
const templateBytes = Buffer.byteLength(full.code) - Buffer.byteLength(probe.code);
rows.push([
  '(templates: the html`` text, part of widget code)',
  templateBytes,
  NaN,
  total - gzip(probe.code),
]);

// The chunks loaded on demand, from the real build in dist-cdn/.
const real = join(here, 'dist-cdn');
const chunkSizes = readdirSync(join(real, 'locales')).map((file) =>
  gzip(readFileSync(join(real, 'locales', file))),
);

const pad = (value, width) => String(Number.isNaN(value) ? '' : value).padStart(width);
console.log(
  `${FILE}: ${gzip(readFileSync(join(real, FILE)))} bytes gzip as built ` +
    `(${total} in the source-mapped build measured below, which keeps the minifier's annotation comments)\n`,
);
console.log(
  `${'part'.padEnd(52)} ${'minified'.padStart(9)} ${'gzip alone'.padStart(11)} ${'marginal'.padStart(9)}`,
);
for (const [group, raw, alone, marginal] of rows.sort((a, b) => b[3] - a[3])) {
  console.log(`${group.padEnd(52)} ${pad(raw, 9)} ${pad(alone, 11)} ${pad(marginal, 9)}`);
}
const writeTo = process.argv.indexOf('--write');
if (writeTo !== -1) {
  const file = process.argv[writeTo + 1];
  if (!file) throw new Error('--write needs the file to write the figures to');
  const part = ([name, minified, gzipAlone, marginal]) => ({
    part: name,
    minified,
    ...(Number.isNaN(gzipAlone) ? {} : { gzipAlone }),
    marginalGzip: marginal,
  });
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), file: FILE, gzip: total, parts: rows.map(part) }, null, 2)}\n`,
  );
}

console.log(
  `\nloaded on demand: ${chunkSizes.length} languages, ${Math.min(...chunkSizes)}-${Math.max(...chunkSizes)} bytes gzip ` +
    `each (median ${chunkSizes.sort((a, b) => a - b)[chunkSizes.length >> 1]}); ` +
    `US and Canadian states ${gzip(readFileSync(join(real, 'states.js')))} bytes; ` +
    `the direct flow's card fields ${gzip(readFileSync(join(real, 'direct-fields.js')))} bytes`,
);
