/**
 * Every row of the test-card table, through the hosted form in Chromium: the merchant page and the
 * sandbox are on different origins, so the form really is a cross-origin iframe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type RunningSandbox, startSandbox } from '../src/index.ts';
import { createToken, getToken, readToken } from './support/api.ts';
import { launchChromium, until } from './support/browser.ts';
import { Checkout, checkoutTab } from './support/checkout.ts';
import { type MerchantSite, startMerchantSite } from './support/merchant-site.ts';

/** 1 s of the table takes 10 ms; the slow card's 60 s take 600 ms. */
const TIME_SCALE = 0.01;

let running: RunningSandbox;
let site: MerchantSite;
let browser: Browser;
let tab: Page;
before(async () => {
  [running, site, browser] = await Promise.all([
    startSandbox({ port: 0, timeScale: TIME_SCALE }),
    startMerchantSite(),
    launchChromium(),
  ]);
  tab = await checkoutTab(browser);
});
after(async () => {
  await browser.close();
  await site.close();
  await running.close();
});

/** Creates a token, renders its form and submits `number`; resolves with the token id once the SDK settled. */
async function saveCard(number: string) {
  const checkout = await Checkout.open(tab, site, running.url);
  const { tokenId } = await createToken(running.sandbox);
  const index = await checkout.render({ tokenId });
  await checkout.submitCard({ number });
  return { checkout, tokenId, index };
}

async function finalToken(tokenId: string, timeoutMs = 3000) {
  return until(
    () => readToken(running.sandbox, tokenId),
    (token) => token.status === 'ACTIVE' || token.status === 'ERROR',
    timeoutMs,
  );
}

describe('each test card through the hosted form', () => {
  const accepted: [number: string, status: 'ACTIVE' | 'ERROR', brand?: string][] = [
    ['4111 1111 1111 1111', 'ACTIVE', 'VISA'],
    ['5555 5555 5555 4444', 'ACTIVE', 'MASTERCARD'],
    ['4000 0000 0000 0002', 'ERROR'],
    ['4000 0000 0000 0069', 'ERROR'],
    ['4242 4242 4242 4242', 'ACTIVE', 'VISA'],
  ];
  for (const [number, status, brand] of accepted) {
    test(`${number}: the SDK resolves PROVISIONING, then the token is ${status}`, async () => {
      const { checkout, tokenId, index } = await saveCard(number);
      const outcome = await checkout.settled(index);
      assert.equal(outcome.state, 'resolved');
      assert.deepEqual(outcome.value, { tokenId, status: 'PROVISIONING' });
      assert.deepEqual(outcome.handlers, [['success', { tokenId, status: 'PROVISIONING' }]]);
      await checkout.form().getByRole('status').filter({ hasText: 'Card accepted' }).waitFor();
      const token = await finalToken(tokenId);
      assert.equal(token.status, status);
      assert.equal(token.tokenizedCardData?.brand, brand);
      if (brand) assert.equal(token.tokenizedCardData?.last4Digits, number.slice(-4));
    });
  }

  test('5105 1051 0510 5100: still PROVISIONING well after the 1-second cards, ACTIVE after 60 s', async () => {
    const { checkout, tokenId, index } = await saveCard('5105 1051 0510 5100');
    assert.equal((await checkout.settled(index)).state, 'resolved');
    await new Promise((resolve) => setTimeout(resolve, 5 * 1000 * TIME_SCALE));
    assert.equal((await readToken(running.sandbox, tokenId)).status, 'PROVISIONING');
    const token = await finalToken(tokenId);
    assert.equal(token.status, 'ACTIVE');
    assert.equal(token.tokenizedCardData?.brand, 'MASTERCARD');
  });

  test('4000 0000 0000 0119: accepted, then the next 3 status reads answer 500, then ACTIVE', async () => {
    const { checkout, tokenId, index } = await saveCard('4000 0000 0000 0119');
    assert.equal((await checkout.settled(index)).state, 'resolved');
    await new Promise((resolve) => setTimeout(resolve, 2 * 1000 * TIME_SCALE));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await getToken(running.sandbox, tokenId)).status);
    assert.deepEqual(statuses, [500, 500, 500, 200]);
    assert.equal((await readToken(running.sandbox, tokenId)).status, 'ACTIVE');
  });

  test('4000 0000 0000 3220 with 123456: the challenge step in the same frame passes, then ACTIVE', async () => {
    const { checkout, tokenId, index } = await saveCard('4000 0000 0000 3220');
    const form = checkout.form();
    await form.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    assert.equal((await checkout.outcome(index)).state, 'pending', 'not accepted before the challenge');
    assert.equal((await readToken(running.sandbox, tokenId)).status, 'PENDING_PAYMENT_FORM');
    await form.getByLabel('Verification code').fill('123456');
    await form.getByRole('button', { name: 'Confirm' }).click();
    assert.deepEqual((await checkout.settled(index)).value, { tokenId, status: 'PROVISIONING' });
    assert.equal((await finalToken(tokenId)).status, 'ACTIVE');
  });

  test('4000 0000 0000 3220 with another code: the SDK rejects ERROR_AUTHENTICATION_FAILED and the token is ERROR', async () => {
    const { checkout, tokenId, index } = await saveCard('4000 0000 0000 3220');
    const form = checkout.form();
    await form.getByLabel('Verification code').fill('000000');
    await form.getByRole('button', { name: 'Confirm' }).click();
    const outcome = await checkout.settled(index);
    assert.equal(outcome.state, 'rejected');
    assert.equal(outcome.isError, true);
    assert.equal(outcome.code, 'ERROR_AUTHENTICATION_FAILED');
    assert.deepEqual(outcome.handlers, [
      ['error', 'ERROR_AUTHENTICATION_FAILED', 'The 3-D Secure challenge failed.'],
    ]);
    assert.equal(await checkout.frameCount(), 0, 'a failed form is taken away');
    assert.equal((await readToken(running.sandbox, tokenId)).status, 'ERROR');
  });
});
