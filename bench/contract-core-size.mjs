/**
 * What the contract's browser half costs: bundles what the widget uses of `@smartpay/contract/core`
 * (every field table, the validator, the cross-field rules, the country table) and, for comparison,
 * the same rules through zod/mini. Writes results/contract-core-size.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressedSizes, kb } from '@smartpay/size';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['development'],
    logLevel: 'silent',
  });
  return compressedSizes(Buffer.from(result.outputFiles[0].contents));
}

const core = await bundle(`
  import { checkBody, CREATE_TOKEN_BODY_SPEC, COUNTRY_ALPHA2, ADDRESS_FIELDS, CONSUMER_FIELDS, isFinalStatus } from '@smartpay/contract/core';
  console.log(checkBody(CREATE_TOKEN_BODY_SPEC, globalThis.x), COUNTRY_ALPHA2, ADDRESS_FIELDS, CONSUMER_FIELDS, isFinalStatus);
`);
const zodMiniFloor = await bundle(`
  import * as z from 'zod/mini';
  console.log(z.object({ a: z.string().check(z.maxLength(60)) }).safeParse(globalThis.x));
`);

const results = { date: new Date().toISOString(), core, zodMiniFloor };
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results/contract-core-size.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `contract/core as the widget uses it: ${kb(core.gzip)} gzip, ${kb(core.brotli)} brotli (${kb(core.raw)} minified)`,
);
console.log(`zod/mini, one object with one string, for comparison: ${kb(zodMiniFloor.gzip)} gzip`);
