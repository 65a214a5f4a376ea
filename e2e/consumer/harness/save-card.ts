/** Saving a card the two ways a merchant's integration does: over the merchant API, and as a shopper. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'node:test';
import { exampleCreateTokenBody } from '@smartpay/contract/examples';
import { openSession } from '@smartpay/e2e/harness/browser';
import {
  enterCardInHostedForm,
  enterCardInWidget,
  fillDetails,
  openCheckout,
  waitForEvent,
} from '@smartpay/e2e/harness/shopper';
import type { Browser } from 'playwright-core';

/**
 * The direct flow over HTTP, as the widget does it: an attempt from the merchant API at `api`
 * (`<shop>/smartpay` or `<shop>`), then the create with the card number and CVC to SmartPay's PCI
 * proxy (the sandbox), which forwards it with card tokens to the merchant API; then the status
 * stream and a read with the client secret must show the ACTIVE token with its card.
 */
export async function saveCardThroughApi(api: string, sandboxUrl: string): Promise<void> {
  const key = randomUUID();
  const attempt = await fetch(`${api}/api/network-tokens/direct-attempts`, {
    method: 'POST',
    headers: { 'idempotency-key': key },
  });
  assert.equal(attempt.status, 201, await attempt.clone().text());
  const { proxyUrl, headers } = (await attempt.json()) as {
    proxyUrl: string;
    headers: Record<string, string>;
  };
  assert.equal(new URL(proxyUrl).origin, new URL(sandboxUrl).origin, 'the card goes to SmartPay only');
  const body = {
    ...exampleCreateTokenBody(),
    integrationFlow: 'direct',
    cardDetails: {
      brand: 'VISA',
      cardHolderName: 'Ada Lovelace',
      cardToken: '4111 1111 1111 1111',
      cvvToken: '123',
      expiryMonth: '12',
      expiryYear: '2030',
    },
  };
  const created = await fetch(proxyUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { tokenId, clientSecret } = (await created.json()) as { tokenId: string; clientSecret: string };
  const auth = { authorization: `Bearer ${clientSecret}` };

  const stream = await fetch(`${api}/api/network-tokens/${tokenId}/events`, {
    headers: auth,
    signal: AbortSignal.timeout(15_000),
  });
  assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.match(await stream.text(), /"status":"ACTIVE"/, 'the stream ends with the final status');

  const read = await fetch(`${api}/api/network-tokens/${tokenId}`, { headers: auth });
  assert.equal(read.status, 200);
  const token = (await read.json()) as { status: string; card?: { brand: string; last4: string } };
  assert.equal(token.status, 'ACTIVE');
  assert.deepEqual([token.card?.brand, token.card?.last4], ['VISA', '1111']);
}

/**
 * A shopper at `url` fills in their details, types a card into SmartPay's hosted form
 * (`payment-form`) or the widget's own fields (`direct`), and the page shows the saved card.
 */
export async function saveCardInBrowser(
  browser: Browser,
  t: TestContext,
  url: string,
  flow: 'payment-form' | 'direct',
): Promise<void> {
  const { page, errors } = await openSession(browser, t);
  await openCheckout(page, url);
  await fillDetails(page);
  if (flow === 'direct') await enterCardInWidget(page, { number: '5555 5555 5555 4444' });
  else await enterCardInHostedForm(page, { number: '4111 1111 1111 1111' });
  await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
  const saved = flow === 'direct' ? 'Saved: MASTERCARD ending in 4444' : 'Saved: VISA ending in 1111';
  await page.locator('#result').getByText(saved).waitFor({ timeout: 5_000 });
  assert.deepEqual(errors, [], 'no console errors');
}
