import { readFileSync } from 'node:fs';

/** The package version, sent in the SmartPay-Sandbox header. Read from package.json (one level above src/ and dist/). */
export const SANDBOX_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** The header every response carries, so a client can tell it talks to the sandbox. */
export const SANDBOX_HEADER = 'SmartPay-Sandbox';
