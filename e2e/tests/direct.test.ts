/**
 * Direct mode end to end: the widget's own card fields, the create with the card number sent to
 * SmartPay's PCI proxy and nowhere else (the proxy forwards it with card tokens to the merchant
 * server), the token final at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import {
  cspViolations,
  enterCardInWidget,
  fillDetails,
  openCheckout,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

async function openDirect(page: Page) {
  await openCheckout(page, suite.stack.serverUrl);
  await page.getByLabel('Our own card fields (direct mode)').check();
}

/** Every request body that holds the card number, by URL. */
function watchCardNumber(page: Page, digits: string): string[] {
  const carriers: string[] = [];
  page.on('request', (request: Request) => {
    const body = request.postData() ?? '';
    if (body.replace(/\D/g, '').includes(digits) || request.url().includes(digits))
      carriers.push(request.url());
  });
  return carriers;
}

test(
  'a Visa saved in direct mode: the card number goes to the PCI proxy only',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openDirect(page);
    const carriers = watchCardNumber(page, '4111111111111111');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await fillDetails(page);
    await enterCardInWidget(page, { number: '4111 1111 1111 1111' });
    const active = await waitForEvent(page, 'smartpay-token-active');
    assert.deepEqual(active.detail.card, {
      brand: 'VISA',
      last4: '1111',
      expiryMonth: '12',
      expiryYear: '30',
    });
    // The create, card included, went to SmartPay's PCI proxy only; the page's own origin got an attempt.
    const proxy = `${suite.stack.sandboxUrl}/forwarding/tokenize`;
    assert.deepEqual(carriers, [proxy]);
    assert.deepEqual(posts, [`${suite.stack.serverUrl}/api/network-tokens/direct-attempts`, proxy]);
    assert.deepEqual(await cspViolations(page), []);

    // The merchant's backend learns it too: the demo receiver verified both signed events.
    const tokenId = active.detail.tokenId;
    let verified: { type: string; tokenId: string }[] = [];
    for (let i = 0; i < 100 && verified.filter((e) => e.tokenId === tokenId).length < 2; i++) {
      const deliveries = await fetch(`${suite.stack.serverUrl}/demo/webhooks`, {
        headers: { accept: 'application/json' },
      });
      verified = ((await deliveries.json()) as { data: typeof verified }).data;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(
      verified
        .filter((e) => e.tokenId === tokenId)
        .map((e) => e.type)
        .sort(),
      ['network_token.active', 'network_token.created'],
    );

    // The shopper sees it in "Your saved cards" (refreshed on smartpay-token-active) and can remove it.
    const panel = page.locator('smartpay-saved-cards');
    const saved = panel.getByRole('listitem').filter({ hasText: 'Visa ending in 1111' });
    await saved.waitFor();
    await saved.getByRole('button', { name: 'Remove' }).click();
    await saved.getByRole('button', { name: 'Remove card' }).click();
    await panel.getByText('You have no saved cards.').waitFor();
    const listed = await page.evaluate(() => fetch('/api/saved-cards').then((response) => response.json()));
    assert.deepEqual(listed, { data: [] }, 'the server forgot it too');
  }),
);

test(
  'a declined card in direct mode: ERROR at once, and the shopper can try another card',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openDirect(page);
    await fillDetails(page);
    await enterCardInWidget(page, { number: '4000 0000 0000 0002' });
    const error = await waitForEvent(page, 'smartpay-error');
    assert.equal(error.detail.retryable, true);
    await page.locator('smartpay-network-token').getByRole('button', { name: 'Try again' }).click();
    await enterCardInWidget(page, { number: '5555 5555 5555 4444' });
    const active = await waitForEvent(page, 'smartpay-token-active');
    assert.equal((active.detail.card as { last4: string }).last4, '4444');
  }),
);

test(
  'a mistyped card number is refused in the field and never sent anywhere',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openDirect(page);
    const carriers = watchCardNumber(page, '4111111111111112');
    await fillDetails(page);
    await enterCardInWidget(page, { number: '4111 1111 1111 1112' });
    await page.locator('smartpay-network-token').getByText('Check the card number.').first().waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(carriers, []);
    assert.equal(
      (await page.evaluate(() => window.__smartpay.events)).some((e) => e.type === 'smartpay-token-created'),
      false,
    );
  }),
);
