/**
 * What goes wrong in real checkouts, end to end: a declined card then "Try again", SmartPay failing
 * during create, the network dropping while the status is followed, and a page hidden during slow
 * provisioning.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Request } from 'playwright-core';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import {
  enterCardInHostedForm,
  fillDetails,
  openCheckout,
  recordedEvents,
  setPageVisibility,
  tryAgain,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();
beforeEach(() => suite.stack.control('POST', '/reset'));

const sandboxTokens = async () =>
  ((await suite.stack.control('GET', '/tokens')) as { tokens: { tokenId: string; status: string }[] }).tokens;

test(
  'a declined card, then "Try again" with another card saves a fresh token',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    await fillDetails(page);
    const first = await waitForEvent(page, 'smartpay-token-created');
    await enterCardInHostedForm(page, { number: '4000 0000 0000 0002' });
    const error = await waitForEvent(page, 'smartpay-error', { timeout: 30_000 });
    assert.equal(error.detail.retryable, true);
    await page.locator('smartpay-network-token').getByText('Your bank declined the card.').first().waitFor();

    await tryAgain(page).click();
    const second = await waitForEvent(page, 'smartpay-token-created', { nth: 2 });
    assert.notEqual(second.detail.tokenId, first.detail.tokenId);
    await enterCardInHostedForm(page, { number: '4111 1111 1111 1111' });
    const active = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
    assert.equal(active.detail.tokenId, second.detail.tokenId);
    assert.deepEqual((await sandboxTokens()).map((token) => token.status).sort(), ['ACTIVE', 'ERROR']);
  }),
);

test(
  'SmartPay answering 500 to the create: a clear error, a retry that works, one token upstream',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    await suite.stack.control('POST', '/faults', {
      method: 'POST',
      path: '/network-tokens',
      kind: 'status',
      status: 500,
    });
    await fillDetails(page);
    const error = await waitForEvent(page, 'smartpay-error');
    assert.equal(error.detail.retryable, true);
    assert.equal(typeof error.detail.message, 'string');
    assert.deepEqual(await sandboxTokens(), []);

    await tryAgain(page).click();
    const created = await waitForEvent(page, 'smartpay-token-created');
    await enterCardInHostedForm(page, { number: '4111 1111 1111 1111' });
    await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
    assert.deepEqual(
      (await sandboxTokens()).map((token) => token.tokenId),
      [created.detail.tokenId],
    );
  }),
);

test(
  'the network drops while the status is followed, and the widget recovers',
  screenshotOnFailure(async (t) => {
    const { page, context } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    await fillDetails(page);
    await enterCardInHostedForm(page, { number: '5105 1051 0510 5100' });
    await waitForEvent(page, 'smartpay-status-change');
    await context.setOffline(true);
    await page.waitForTimeout(2500);
    await context.setOffline(false);
    const active = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
    assert.equal(active.detail.status, 'ACTIVE');
    const statuses = (await recordedEvents(page))
      .filter((e) => e.type === 'smartpay-status-change')
      .map((e) => e.detail.status);
    assert.deepEqual(statuses, ['PROVISIONING', 'ACTIVE']);
  }),
);

test(
  'slow provisioning while the page is hidden: nothing is polled while hidden, the card shows as saved once shown',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    await fillDetails(page);
    const created = await waitForEvent(page, 'smartpay-token-created');
    await enterCardInHostedForm(page, { number: '5105 1051 0510 5100' });
    const provisioning = await waitForEvent(page, 'smartpay-status-change');
    assert.equal(provisioning.detail.status, 'PROVISIONING');

    await setPageVisibility(page, 'hidden');
    const startedWhileHidden: string[] = [];
    const record = (request: Request) => {
      if (request.url().includes(`/api/network-tokens/${created.detail.tokenId}`))
        startedWhileHidden.push(request.url());
    };
    page.on('request', record);
    await page.waitForTimeout(5000);
    page.off('request', record);
    const connectionsBefore = startedWhileHidden.length;

    await setPageVisibility(page, 'visible');
    await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
    await page
      .locator('smartpay-network-token')
      .getByText('Mastercard ending in 5100, expires 12/30', { exact: true })
      .waitFor();
    assert.ok(
      connectionsBefore <= 1,
      `status requests started while hidden: ${startedWhileHidden.join(', ')}`,
    );
    const actives = (await recordedEvents(page)).filter((e) => e.type === 'smartpay-token-active');
    assert.equal(actives.length, 1);
  }),
);
