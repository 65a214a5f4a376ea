#!/usr/bin/env node
/**
 * `smartpay-sandbox` (what `npm run sandbox` starts). Environment: SANDBOX_PORT (4010),
 * SANDBOX_TIME_SCALE (1), SANDBOX_PUBLIC_URL (http://localhost:<port>), HOST (127.0.0.1),
 * SANDBOX_ACCESS_TOKEN_TTL (3600 s), SANDBOX_FORWARDING_ALLOWLIST (comma-separated URL prefixes the PCI
 * proxy may forward to; default any port on this machine), SANDBOX_DATA_DIR (where its state survives
 * restarts; unset: in memory only).
 */
import { DEFAULT_PORT, startSandbox } from './start.js';
import { SANDBOX_VERSION } from './version.js';

function fail(message: string): never {
  console.error(`smartpay-sandbox: ${message}`);
  process.exit(1);
}

function numberFrom(name: string, fallback: number, valid: (n: number) => boolean, rule: string): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!valid(value)) fail(`${name} must be ${rule}, got "${text}"`);
  return value;
}

const port = numberFrom(
  'SANDBOX_PORT',
  DEFAULT_PORT,
  (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
  'a port number from 0 to 65535',
);
const timeScale = numberFrom('SANDBOX_TIME_SCALE', 1, (n) => Number.isFinite(n) && n >= 0, 'a number >= 0');
const accessTokenTtlSeconds = numberFrom(
  'SANDBOX_ACCESS_TOKEN_TTL',
  3600,
  (n) => Number.isInteger(n) && n > 0,
  'a whole number of seconds above 0',
);
const allowlistText = process.env.SANDBOX_FORWARDING_ALLOWLIST?.trim();
const forwardingAllowlist = allowlistText
  ? allowlistText
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
  : undefined;
for (const entry of forwardingAllowlist ?? []) {
  if (!/^https?:\/\//.test(entry) || !URL.canParse(entry))
    fail(`SANDBOX_FORWARDING_ALLOWLIST must list http(s) URLs, got "${entry}"`);
}
const dataDir = process.env.SANDBOX_DATA_DIR?.trim() || undefined;
const publicUrl = process.env.SANDBOX_PUBLIC_URL;
if (publicUrl !== undefined && !URL.canParse(publicUrl))
  fail(`SANDBOX_PUBLIC_URL must be a URL, got "${publicUrl}"`);

const running = await startSandbox({
  port,
  hostname: process.env.HOST ?? '127.0.0.1',
  timeScale,
  accessTokenTtlSeconds,
  ...(forwardingAllowlist && { forwardingAllowlist }),
  ...(publicUrl !== undefined && { publicUrl }),
  ...(dataDir !== undefined && { dataDir }),
}).catch((error: NodeJS.ErrnoException) =>
  fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use (set SANDBOX_PORT)` : String(error)),
);

const shown = publicUrl ?? `http://localhost:${new URL(running.url).port}`;
console.log(`SmartPay sandbox ${SANDBOX_VERSION} on ${shown} (time scale ${timeScale})`);
console.log(`  SDK ${shown}/sdk/smp-bundle.js · control API ${shown}/_sandbox/requests`);
console.log(
  dataDir ? `  state kept in ${dataDir}` : '  state in memory only (set SANDBOX_DATA_DIR to keep it)',
);

const stop = () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
