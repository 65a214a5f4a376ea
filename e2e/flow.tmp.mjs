import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
const page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
const log = [];
page.on('console', (m) => log.push(m.type() + ': ' + m.text()));
page.on('pageerror', (e) => log.push('pageerror: ' + e));
await page.goto('http://localhost:8887/', { waitUntil: 'networkidle' });
const w = page.locator('smartpay-network-token');
await w.getByLabel('First name').fill('Ada');
await w.getByLabel('Last name').fill('Lovelace');
await w.getByLabel('Email').fill('ada@example.com');
await w.getByLabel('Country').selectOption('DEU');
await w.getByLabel('Street').fill('Invalidenstraße');
await w.getByLabel('Postal code').fill('10115');
await w.getByLabel('City').fill('Berlin');
await w.getByRole('button', { name: 'Continue' }).click();
await page.waitForTimeout(2500);
await page.screenshot({ path: '/tmp/demo2.png', fullPage: true });
const frame = page.frameLocator('iframe');
await frame.getByLabel(/name/i).first().fill('Ada Lovelace');
await frame.getByLabel(/card number/i).fill('4111111111111111');
await frame.getByLabel(/expir/i).fill('12/30');
await frame.getByLabel(/cvc|security/i).fill('123');
await page.screenshot({ path: '/tmp/demo3.png', fullPage: true });
await frame.getByRole('button').last().click();
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/demo4.png', fullPage: true });
console.log(log.join('\n'));
console.log(await page.locator('#event-log').innerText());
await browser.close();
