/**
 * Screenshots of every state of the widget, driven as a shopper would against the real sandbox and
 * merchant server (the e2e stack, at real speed): details, errors, SmartPay's card form,
 * confirming, saved, declined, the direct flow, German, Japanese, dark, narrow, and the scripts
 * that need fonts of their own: Arabic and Hebrew (right to left), Chinese, Thai. Writes the PNGs
 * the widget README shows to packages/widget/screenshots/. Needs a build (`npm test` or `npm start`
 * makes one).
 *
 * Setup: the Arabic, Hebrew, CJK and Thai glyphs need Debian's Noto fonts. When fontconfig knows no
 * font for one of those languages, this installs fonts-noto-core and fonts-noto-cjk with apt-get
 * (as root; otherwise it stops and says what to install). `npm test` never needs them.
 *
 *   pnpm --filter @smartpay/e2e screenshots
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import {
  enterCardInHostedForm,
  enterDetails,
  openCheckout,
  waitForEvent,
  waitForHostedForm,
} from '../harness/shopper.ts';
import { ROOT, startStack } from '../harness/stack.ts';

const widgetDir = join(ROOT, 'packages', 'widget');
const out = join(widgetDir, 'screenshots');
mkdirSync(out, { recursive: true });

/** Languages whose script the base fonts (DejaVu, Liberation) do not cover. */
const NEEDS_FONTS = ['ar', 'he', 'ja', 'zh', 'th'];
const FONT_PACKAGES = ['fonts-noto-core', 'fonts-noto-cjk'];
const missingFonts = () =>
  NEEDS_FONTS.filter(
    (lang) => !spawnSync('fc-list', [`:lang=${lang}`, 'family'], { encoding: 'utf8' }).stdout?.trim(),
  );
if (missingFonts().length) {
  if (process.getuid?.() !== 0) {
    console.error(`No font for ${missingFonts().join(', ')}: install ${FONT_PACKAGES.join(' ')} (apt-get).`);
    process.exit(1);
  }
  console.log(`installing ${FONT_PACKAGES.join(', ')} for ${missingFonts().join(', ')}`);
  const apt = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...FONT_PACKAGES], {
    stdio: 'inherit',
  });
  if (apt.status !== 0 || missingFonts().length) {
    console.error(`could not install ${FONT_PACKAGES.join(' ')}`);
    process.exit(1);
  }
}

// A plain merchant page: the CDN file (with its language chunks next to it) and the element, set up
// from the query string. The server sends a strict CSP (script-src 'self' and SmartPay): no inline
// script, so the page's code is a file.
const site = mkdtempSync(join(tmpdir(), 'widget-site-'));
cpSync(join(widgetDir, 'dist-cdn'), site, { recursive: true });
writeFileSync(
  join(site, 'index.html'),
  `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout</title>
<link rel="stylesheet" href="./page.css">
<main>
  <h1 id="title">Save your card</h1>
  <smartpay-network-token></smartpay-network-token>
</main>
<script type="module" src="./page.js"></script>
</html>
`,
);
writeFileSync(
  join(site, 'page.css'),
  `body { margin: 0; padding: 24px; font-family: system-ui, sans-serif; background: #f4f5f7; }
@media (prefers-color-scheme: dark) { body { background: #0e0f12; color: #eee; } }
main { max-width: 520px; margin: 0 auto; }
h1 { font-size: 20px; margin: 0 0 16px; }
`,
);
writeFileSync(
  join(site, 'page.js'),
  `import './smartpay-network-token.js';
const params = new URLSearchParams(location.search);
const el = document.querySelector('smartpay-network-token');
for (const name of ['locale', 'integration-flow', 'country']) if (params.has(name)) el.setAttribute(name, params.get(name));
if (params.has('title')) document.getElementById('title').textContent = params.get('title');
if (params.has('dir')) document.documentElement.dir = params.get('dir');
if (params.has('supplied')) {
  el.consumer = { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' };
  el.billingAddress = { addressLine1: 'Invalidenstraße', number: '44', postCode: '10115', city: 'Berlin', countryCode: 'DEU' };
}
`,
);

const stack = await startStack({ timeScale: 1, staticDir: site });
const browser = await launchBrowser();

async function open(
  query = '',
  { width = 600, colorScheme = 'light' as 'light' | 'dark' } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await openCheckout(page, `${stack.serverUrl}/?${query}`);
  return page;
}

async function shot(page: Page, name: string) {
  // Selects get their options (countries, states) in a task after the render that shows them.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('smartpay-network-token select')].every(
      (select) => (select as HTMLSelectElement).options.length > 1,
    ),
  );
  await page.locator('main').screenshot({ path: join(out, `${name}.png`) });
  console.log(`packages/widget/screenshots/${name}.png`);
}

const el = (page: Page) => page.locator('smartpay-network-token');
const next = (page: Page, name = 'Continue') => el(page).getByRole('button', { name }).click();

try {
  // 1. Details, empty; then submitted empty (errors); then the shipping address open.
  let page = await open();
  await shot(page, '01-details');
  await next(page);
  await shot(page, '02-details-errors');
  await enterDetails(page);
  await el(page).getByLabel('Ship to the billing address').uncheck();
  await shot(page, '03-details-shipping');
  await el(page).getByLabel('Ship to the billing address').check();

  // 2. Payment form: SmartPay's form, confirming, saved.
  await next(page);
  // Once the widget shows it: its frame is folded while it loads (a shot then would catch the fold).
  await waitForHostedForm(page);
  await shot(page, '04-card-payment-form');
  await enterCardInHostedForm(page, { number: '5555 5555 5555 4444' });
  await el(page).getByText('Confirming your card with your bank').first().waitFor();
  await shot(page, '05-confirming');
  await waitForEvent(page, 'smartpay-token-active');
  await shot(page, '06-saved');
  await page.close();

  // 3. Declined by the issuer: the error, with Try again.
  page = await open('supplied=1');
  await next(page);
  await enterCardInHostedForm(page, { number: '4000 0000 0000 0002' });
  await waitForEvent(page, 'smartpay-error');
  await shot(page, '07-error-declined');
  await page.close();

  // 4. Direct: the widget's own card fields, a mistyped number, then saved.
  page = await open('supplied=1&integration-flow=direct');
  await next(page);
  await el(page).getByLabel('Name on card').fill('Ada Lovelace');
  await el(page).getByLabel('Card number').fill('4111111111111111');
  await el(page).getByLabel('Expiry date').fill('12/30');
  await el(page).getByLabel('Security code').fill('123');
  await shot(page, '08-direct-card');
  await el(page).getByLabel('Card number').fill('4111111111111112');
  await next(page, 'Save card');
  await shot(page, '09-direct-card-error');
  await el(page).getByLabel('Card number').fill('4111111111111111');
  await next(page, 'Save card');
  await waitForEvent(page, 'smartpay-token-active');
  await shot(page, '10-direct-saved');
  await page.close();

  // 5. Languages, dark, narrow.
  page = await open('locale=de-DE');
  await shot(page, '11-details-de');
  await page.close();
  page = await open('locale=ja-JP');
  await next(page, '次へ');
  await shot(page, '12-details-ja-errors');
  await page.close();
  page = await open('', { colorScheme: 'dark' });
  await shot(page, '13-details-dark');
  await page.close();
  page = await open('supplied=1', { colorScheme: 'dark' });
  await next(page);
  // Once the widget shows it: its frame is folded while it loads (a shot then would catch the fold).
  await waitForHostedForm(page);
  await shot(page, '14-card-dark');
  await page.close();
  page = await open('', { width: 360 });
  await shot(page, '15-details-narrow');
  await page.close();

  // 6. Scripts with fonts of their own; Arabic and Hebrew right to left (the page too, as it would be).
  const rtl = (title: string) => `dir=rtl&title=${encodeURIComponent(title)}`;
  page = await open(`locale=ar&${rtl('احفظ بطاقتك')}`);
  await shot(page, '16-details-ar');
  await page.close();
  page = await open(`locale=ar&integration-flow=direct&supplied=1&${rtl('احفظ بطاقتك')}`);
  await next(page, 'متابعة');
  await el(page).getByLabel('الاسم على البطاقة').fill('Ada Lovelace');
  await el(page).getByLabel('رقم البطاقة').fill('٤١١١١١١١١١١١١١١١');
  await el(page).getByLabel('تاريخ الانتهاء').fill('1230');
  await el(page).getByLabel('رمز الأمان').fill('12');
  await next(page, 'حفظ البطاقة');
  await shot(page, '17-direct-card-ar-errors');
  await page.close();
  page = await open(`locale=he&${rtl('שמירת הכרטיס')}`);
  await next(page, 'המשך');
  await shot(page, '18-details-he-errors');
  await page.close();
  page = await open(`locale=zh-CN&country=CN&title=${encodeURIComponent('保存您的银行卡')}`);
  await shot(page, '19-details-zh');
  await page.close();
  page = await open(`locale=th&title=${encodeURIComponent('บันทึกบัตรของคุณ')}`);
  await shot(page, '20-details-th');
  await page.close();
  page = await open(`locale=ja-JP&supplied=1&title=${encodeURIComponent('カードを保存')}`);
  await next(page, '次へ');
  // Once the widget shows it: its frame is folded while it loads (a shot then would catch the fold).
  await waitForHostedForm(page);
  await shot(page, '21-card-ja');
  await page.close();
  page = await open('country=US');
  await el(page).getByLabel('State or province').selectOption('CA');
  await shot(page, '22-details-us-state');
  await page.close();
} finally {
  await browser.close();
  await stack.stop();
  rmSync(site, { recursive: true, force: true });
}
