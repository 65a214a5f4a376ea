/** A shopper who uses the keyboard alone saves a card: Tab, typing, and Enter, nothing else. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import { tabTo } from '../harness/keyboard.ts';
import { openCheckout, waitForEvent, waitForHostedForm } from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

test(
  'the whole payment-form flow with the keyboard alone',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    const type = async (label: string, text: string) => {
      await tabTo(page, label);
      await page.keyboard.type(text);
    };
    await type('First name', 'Ada');
    await type('Last name', 'Lovelace');
    await type('Email', 'ada@example.com');
    await type('Country', 'Germany');
    await type('Street', 'Invalidenstraße');
    await type('Postal code', '10115');
    await type('City', 'Berlin');
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');
    await waitForEvent(page, 'smartpay-token-created');
    // The shopper waits for the card form to appear.
    await waitForHostedForm(page);

    await type('Name on card', 'Ada Lovelace');
    await type('Card number', '4111111111111111');
    await type('Expiry date', '1230');
    await type('Security code', '123');
    await page.keyboard.press('Enter');
    const active = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
    assert.equal((active.detail.card as { last4: string }).last4, '1111');
  }),
);

test(
  'validation errors are reached and fixed from the keyboard: focus goes to the first invalid field',
  screenshotOnFailure(async (t) => {
    const { page } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(`(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return { label: el.labels[0].textContent.trim(), invalid: el.getAttribute('aria-invalid') };
  })()`);
    assert.deepEqual(focused, { label: 'First name', invalid: 'true' });
  }),
);
