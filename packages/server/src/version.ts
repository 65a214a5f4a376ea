import { readFileSync } from 'node:fs';

/** This package's version, for the User-Agent. Read from package.json, one level above src/ and dist/. */
export const SERVER_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
