/**
 * Every row of the sandbox's test-card table, through the demo checkout and SmartPay's hosted form
 * in Chromium, against the real merchant server and sandbox.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import {
  answerChallenge,
  cspViolations,
  enterCardInHostedForm,
  fillDetails,
  openCheckout,
  recordedEvents,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

const CARDS = [
  { number: '4111 1111 1111 1111', outcome: 'ACTIVE', brand: 'VISA', last4: '1111', shown: 'Visa' },
  {
    number: '5555 5555 5555 4444',
    outcome: 'ACTIVE',
    brand: 'MASTERCARD',
    last4: '4444',
    shown: 'Mastercard',
  },
  { number: '4000 0000 0000 0002', outcome: 'ERROR' },
  { number: '4000 0000 0000 0069', outcome: 'ERROR' },
  {
    number: '5105 1051 0510 5100',
    outcome: 'ACTIVE',
    brand: 'MASTERCARD',
    last4: '5100',
    shown: 'Mastercard',
  },
  { number: '4000 0000 0000 0119', outcome: 'ACTIVE', brand: 'VISA', last4: '0119', shown: 'Visa' },
  { number: '4242 4242 4242 4242', outcome: 'ACTIVE', brand: 'VISA', last4: '4242', shown: 'Visa' },
] as const;

describe('every test card through the hosted form', { concurrency: 3 }, () => {
  for (const card of CARDS) {
    test(
      `${card.number} ends ${card.outcome}`,
      screenshotOnFailure(async (t) => {
        const { page } = await openSession(suite.browser, t);
        await openCheckout(page, suite.stack.serverUrl);
        await fillDetails(page);
        const created = await waitForEvent(page, 'smartpay-token-created');
        assert.equal(created.detail.status, 'PENDING_PAYMENT_FORM');
        await enterCardInHostedForm(page, { number: card.number });
        if (card.outcome === 'ACTIVE') {
          const active = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
          assert.equal(active.detail.tokenId, created.detail.tokenId);
          assert.deepEqual(active.detail.card, {
            brand: card.brand,
            last4: card.last4,
            expiryMonth: '12',
            expiryYear: '30',
          });
          await page
            .locator('smartpay-network-token')
            .getByText(`${card.shown} ending in ${card.last4}, expires 12/30`, { exact: true })
            .waitFor();
        } else {
          const error = await waitForEvent(page, 'smartpay-error', { timeout: 30_000 });
          assert.equal(error.detail.tokenId, created.detail.tokenId);
          assert.equal(error.detail.retryable, true);
          await page.locator('smartpay-network-token').getByRole('button', { name: 'Try again' }).waitFor();
        }
        const statuses = (await recordedEvents(page))
          .filter((e) => e.type === 'smartpay-status-change')
          .map((e) => e.detail.status);
        assert.equal(statuses.at(-1), card.outcome);
        assert.deepEqual(await cspViolations(page), []);
      }),
    );
  }
});

describe('3-D Secure challenge in the hosted form', { concurrency: 2 }, () => {
  test(
    'the right code passes and the token becomes ACTIVE',
    screenshotOnFailure(async (t) => {
      const { page } = await openSession(suite.browser, t);
      await openCheckout(page, suite.stack.serverUrl);
      await fillDetails(page);
      await enterCardInHostedForm(page, { number: '4000 0000 0000 3220' });
      await answerChallenge(page, '123456');
      const active = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
      assert.equal((active.detail.card as { last4: string }).last4, '3220');
    }),
  );
  test(
    'a wrong code fails and the token becomes ERROR',
    screenshotOnFailure(async (t) => {
      const { page } = await openSession(suite.browser, t);
      await openCheckout(page, suite.stack.serverUrl);
      await fillDetails(page);
      const created = await waitForEvent(page, 'smartpay-token-created');
      await enterCardInHostedForm(page, { number: '4000 0000 0000 3220' });
      await answerChallenge(page, '000000');
      const error = await waitForEvent(page, 'smartpay-error', { timeout: 30_000 });
      assert.equal(error.detail.tokenId, created.detail.tokenId);
      const events = await recordedEvents(page);
      assert.equal(
        events.some((e) => e.type === 'smartpay-token-active'),
        false,
      );
    }),
  );
});
