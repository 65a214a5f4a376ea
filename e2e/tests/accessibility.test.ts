/** axe-core (WCAG 2.2 A and AA) on the demo checkout in every state the shopper can see, light and dark. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from '../harness/axe.ts';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import {
  answerChallenge,
  enterCardInHostedForm,
  fillDetails,
  hostedForm,
  openCheckout,
  sandboxFrame,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

const widget = (page: Page) => page.locator('smartpay-network-token');

async function assertClean(page: Page, state: string) {
  assert.deepEqual(await axeViolations(page), [], `${state}: page`);
  const frame = sandboxFrame(page, suite.stack.sandboxUrl);
  if (frame) assert.deepEqual(await axeViolations(frame), [], `${state}: SmartPay frame`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`${colorScheme} scheme`, () => {
    test(
      'the details form, empty and with every error shown',
      screenshotOnFailure(async (t) => {
        const { page } = await openSession(suite.browser, t);
        await page.emulateMedia({ colorScheme });
        await openCheckout(page, suite.stack.serverUrl);
        await assertClean(page, 'details');
        await widget(page).getByRole('button', { name: 'Continue' }).click();
        await widget(page).getByText('This field is required.').first().waitFor();
        await assertClean(page, 'details with errors');
      }),
    );

    test(
      'the card step, the 3-D Secure challenge, confirming and saved',
      screenshotOnFailure(async (t) => {
        const { page } = await openSession(suite.browser, t);
        await page.emulateMedia({ colorScheme });
        await openCheckout(page, suite.stack.serverUrl);
        await fillDetails(page);
        await hostedForm(page).getByLabel('Card number').waitFor();
        await assertClean(page, 'card step');
        await hostedForm(page).getByRole('button', { name: 'Save card' }).click();
        await hostedForm(page).getByText('Enter the card number.').first().waitFor();
        await assertClean(page, 'card step with errors');
        await enterCardInHostedForm(page, { number: '4000 0000 0000 3220' });
        await hostedForm(page).getByLabel('Verification code').waitFor();
        await assertClean(page, 'challenge');
        await answerChallenge(page, '123456');
        await waitForEvent(page, 'smartpay-status-change');
        await assertClean(page, 'confirming');
        await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
        await assertClean(page, 'saved');
      }),
    );

    test(
      'a declined card with "Try again", and the direct-mode card fields',
      screenshotOnFailure(async (t) => {
        const { page } = await openSession(suite.browser, t);
        await page.emulateMedia({ colorScheme });
        await openCheckout(page, suite.stack.serverUrl);
        await fillDetails(page);
        await enterCardInHostedForm(page, { number: '4000 0000 0000 0002' });
        await waitForEvent(page, 'smartpay-error', { timeout: 30_000 });
        await assertClean(page, 'declined');
        await page.getByLabel('Our own card fields (direct mode)').check();
        await fillDetails(page);
        await widget(page).getByLabel('Card number').waitFor();
        await assertClean(page, 'direct card fields');
      }),
    );
  });
}
