/**
 * Screenshots of every state of the widget, driven as a shopper would against the real sandbox and
 * merchant server (their built bins, on free ports): details, errors, SmartPay's card form,
 * confirming, saved, declined, the direct flow, German, Japanese, dark, narrow. Writes PNGs to
 * screenshots/. Needs `pnpm -r build` (sandbox, server, widget) and Chromium.
 *
 *   node scripts/screenshots.mjs
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@smartpay/chromium';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const widget = join(here, '..');
const root = join(widget, '..', '..');
const out = join(widget, 'screenshots');
mkdirSync(out, { recursive: true });

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const children = [];
async function start(bin, env, health) {
  const child = spawn(process.execPath, [join(root, bin)], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(health)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${bin} did not start`);
}

// A plain merchant page: the CDN file and the element, set up from the query string. The server
// sends a strict CSP (script-src 'self' and SmartPay): no inline script, so the page's code is a file.
const site = mkdtempSync(join(tmpdir(), 'widget-site-'));
copyFileSync(join(widget, 'dist-cdn', 'smartpay-network-token.js'), join(site, 'smartpay-network-token.js'));
writeFileSync(
  join(site, 'index.html'),
  `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout</title>
<style>
  body { margin: 0; padding: 24px; font-family: system-ui, sans-serif; background: #f4f5f7; }
  @media (prefers-color-scheme: dark) { body { background: #0e0f12; color: #eee; } }
  main { max-width: 520px; margin: 0 auto; }
  h1 { font-size: 20px; margin: 0 0 16px; }
</style>
<main>
  <h1>Save your card</h1>
  <smartpay-network-token></smartpay-network-token>
</main>
<script type="module" src="./page.js"></script>
</html>
`,
);

writeFileSync(
  join(site, 'page.js'),
  `import './smartpay-network-token.js';
const params = new URLSearchParams(location.search);
const el = document.querySelector('smartpay-network-token');
for (const name of ['locale', 'integration-flow']) if (params.has(name)) el.setAttribute(name, params.get(name));
if (params.has('supplied')) {
  el.consumer = { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' };
  el.billingAddress = { addressLine1: 'Invalidenstraße', number: '44', postCode: '10115', city: 'Berlin', countryCode: 'DEU' };
}
window.events = [];
for (const type of ['smartpay-ready', 'smartpay-token-created', 'smartpay-status-change', 'smartpay-token-active', 'smartpay-error'])
  document.addEventListener(type, (e) => window.events.push({ type, detail: e.detail }));
`,
);

const sandboxPort = await freePort();
const serverPort = await freePort();
const sandboxUrl = `http://localhost:${sandboxPort}`;
const serverUrl = `http://localhost:${serverPort}`;
const data = mkdtempSync(join(tmpdir(), 'widget-data-'));
await start(
  'packages/sandbox/dist/bin.js',
  { SANDBOX_PORT: String(sandboxPort), SANDBOX_TIME_SCALE: '1' },
  `${sandboxUrl}/healthz`,
);
await start(
  'packages/server/dist/bin.js',
  {
    PORT: String(serverPort),
    SMARTPAY_BASE_URL: sandboxUrl,
    STATIC_DIR: site,
    DATA_DIR: data,
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '1000',
  },
  `${serverUrl}/healthz`,
);

const browser = await chromium.launch(chromiumLaunchOptions());
const shots = [];

async function open(query = '', { width = 600, colorScheme = 'light' } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${serverUrl}/?${query}`);
  await page.waitForFunction(() => window.events?.some((e) => e.type === 'smartpay-ready'));
  return page;
}

async function shot(page, name) {
  const file = join(out, `${name}.png`);
  await page.locator('main').screenshot({ path: file });
  shots.push(file);
  console.log(`screenshots/${name}.png`);
}

const el = (page) => page.locator('smartpay-network-token');
const waitEvent = (page, type) =>
  page.waitForFunction((t) => window.events?.some((e) => e.type === t), type, { timeout: 20_000 });

async function fillDetails(page) {
  const form = el(page);
  await form.getByLabel('First name').fill('Ada');
  await form.getByLabel('Last name').fill('Lovelace');
  await form.getByLabel('Email').fill('ada@example.com');
  await form.getByLabel('Country').selectOption('DEU');
  await form.getByLabel('Street').fill('Invalidenstraße');
  await form.getByLabel('Postal code').fill('10115');
  await form.getByLabel('City').fill('Berlin');
}

async function hostedCard(page, number) {
  const frame = page.frameLocator('smartpay-network-token iframe');
  await frame.getByLabel('Name on card').fill('Ada Lovelace');
  await frame.getByLabel('Card number').fill(number);
  await frame.getByLabel('Expiry date').fill('12/30');
  await frame.getByLabel('Security code').fill('123');
  return frame;
}

try {
  // 1. Details, empty; then submitted empty (errors); then the shipping address open.
  let page = await open();
  await shot(page, '01-details');
  await el(page).getByRole('button', { name: 'Continue' }).click();
  await shot(page, '02-details-errors');
  await fillDetails(page);
  await el(page).getByLabel('Ship to the billing address').uncheck();
  await shot(page, '03-details-shipping');
  await el(page).getByLabel('Ship to the billing address').check();

  // 2. Payment form: SmartPay's form, confirming, saved.
  await el(page).getByRole('button', { name: 'Continue' }).click();
  await page.frameLocator('smartpay-network-token iframe').getByLabel('Card number').waitFor();
  await shot(page, '04-card-payment-form');
  const frame = await hostedCard(page, '5555 5555 5555 4444');
  await frame.getByRole('button', { name: 'Save card' }).click();
  await el(page).getByText('Confirming your card with your bank').first().waitFor();
  await shot(page, '05-confirming');
  await waitEvent(page, 'smartpay-token-active');
  await shot(page, '06-saved');
  console.log('  events:', (await page.evaluate(() => window.events.map((e) => e.type))).join(' → '));
  await page.close();

  // 3. Declined by the issuer: the error, with Try again.
  page = await open('supplied=1');
  await el(page).getByRole('button', { name: 'Continue' }).click();
  (await hostedCard(page, '4000 0000 0000 0002')).getByRole('button', { name: 'Save card' }).click();
  await waitEvent(page, 'smartpay-error');
  await shot(page, '07-error-declined');
  await page.close();

  // 4. Direct: the widget's own card fields, then saved.
  page = await open('supplied=1&integration-flow=direct');
  await el(page).getByRole('button', { name: 'Continue' }).click();
  await el(page).getByLabel('Card number').fill('4111111111111111');
  await el(page).getByLabel('Expiry date').fill('12/30');
  await el(page).getByLabel('Security code').fill('123');
  await shot(page, '08-direct-card');
  await el(page).getByLabel('Card number').fill('4111111111111112');
  await el(page).getByRole('button', { name: 'Save card' }).click();
  await shot(page, '09-direct-card-error');
  await el(page).getByLabel('Card number').fill('4111111111111111');
  await el(page).getByRole('button', { name: 'Save card' }).click();
  await waitEvent(page, 'smartpay-token-active');
  await shot(page, '10-direct-saved');
  await page.close();

  // 5. Languages, dark, narrow.
  page = await open('locale=de-DE');
  await shot(page, '11-details-de');
  await page.close();
  page = await open('locale=ja-JP');
  await el(page).getByRole('button', { name: '次へ' }).click();
  await shot(page, '12-details-ja-errors');
  await page.close();
  page = await open('', { colorScheme: 'dark' });
  await shot(page, '13-details-dark');
  await page.close();
  page = await open('supplied=1', { colorScheme: 'dark' });
  await el(page).getByRole('button', { name: 'Continue' }).click();
  await page.frameLocator('smartpay-network-token iframe').getByLabel('Card number').waitFor();
  await shot(page, '14-card-dark');
  await page.close();
  page = await open('', { width: 360 });
  await shot(page, '15-details-narrow');
  await page.close();
} finally {
  await browser.close();
  for (const child of children) child.kill();
  rmSync(site, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
}
