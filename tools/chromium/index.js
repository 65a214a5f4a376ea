/**
 * One place for how this repository starts Chromium: the system browser (Debian's `chromium`
 * package, or CHROME_PATH), headless, with the flags that make it quiet and root-safe on a closed
 * machine. Plain JavaScript with no dependencies, so `scripts/bootstrap.mjs` can use it before
 * anything is installed.
 */
import { existsSync } from 'node:fs';

/** Where Chromium or Chrome usually lives, in the order they are tried. */
export const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/**
 * --no-sandbox: tests run as root in CI. The --disable-* flags stop Chromium's own network traffic
 * (updates, sync, field trials), which a closed machine refuses, many times per start.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** CHROME_PATH when set, otherwise the first of CHROMIUM_PATHS that exists; undefined when none does. */
export function findChromium(env = process.env) {
  if (env.CHROME_PATH) return env.CHROME_PATH;
  return CHROMIUM_PATHS.find((path) => existsSync(path));
}

/** Launch options for playwright-core and @web/test-runner-chrome alike. */
export function chromiumLaunchOptions() {
  return { executablePath: findChromium() ?? CHROMIUM_PATHS[0], headless: true, args: [...CHROMIUM_ARGS] };
}
