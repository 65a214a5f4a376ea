/**
 * The hosted form and the SDK in Chromium: accessibility and keyboard use, cards refused before
 * anything is sent, the postMessage origin checks on both sides, options, rendering twice, and
 * rendering a token that is no longer waiting for a card.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type RunningSandbox, startSandbox } from '../src/index.ts';
import { createToken, readToken } from './support/api.ts';
import { launchChromium, until } from './support/browser.ts';
import { Checkout, checkoutTab } from './support/checkout.ts';
import { type MerchantSite, startMerchantSite } from './support/merchant-site.ts';

let running: RunningSandbox;
/** A sandbox whose 30-minute form expiry takes 0.9 s. */
let expiring: RunningSandbox;
let site: MerchantSite;
let browser: Browser;
let tab: Page;
let checkout: Checkout;

before(async () => {
  [running, expiring, site, browser] = await Promise.all([
    startSandbox({ port: 0, timeScale: 0.01 }),
    startSandbox({ port: 0, timeScale: 0.0005 }),
    startMerchantSite(),
    launchChromium(),
  ]);
  tab = await checkoutTab(browser);
});
after(async () => {
  await browser.close();
  await site.close();
  await Promise.all([running.close(), expiring.close()]);
});
beforeEach(async () => {
  checkout = await Checkout.open(tab, site, running.url);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cardPosts = async (sandbox = running) => {
  const { requests } = await (await sandbox.sandbox.fetch('/_sandbox/requests')).json();
  return requests.filter(
    (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/card'),
  );
};

/** Id and accessible description of the focused element inside the form. */
async function focused() {
  const frame = await checkout.frame();
  return frame.evaluate(() => document.activeElement?.id ?? '');
}

describe('accessibility', () => {
  test('the form is usable with the keyboard alone, challenge step included', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const index = await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    await tab.focus('#start');
    const order = [];
    for (const text of ['Ada Lovelace', '4000 0000 0000 3220', '12/30', '123']) {
      await tab.keyboard.press('Tab');
      order.push(await focused());
      await tab.keyboard.type(text);
    }
    assert.deepEqual(order, ['cardHolderName', 'number', 'expiry', 'cvc']);
    await tab.keyboard.press('Tab');
    assert.equal(
      await (await checkout.frame()).evaluate(() => document.activeElement?.textContent),
      'Save card',
    );
    await tab.keyboard.press('Enter');
    await checkout.form().getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    assert.equal(await focused(), 'challengeCode', 'focus moves to the code');
    await tab.keyboard.type('123456');
    await tab.keyboard.press('Enter');
    assert.equal((await checkout.settled(index)).state, 'resolved');
    assert.equal(await focused(), '', 'the outcome message has focus');
    assert.equal(
      await (await checkout.frame()).evaluate(() => document.activeElement?.getAttribute('role')),
      'status',
    );
  });

  test('every field has a visible label, and an empty submit ties an error to each and announces the count', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({ tokenId });
    const form = checkout.form();
    await form.getByRole('button', { name: 'Save card' }).click();
    await form.getByRole('alert').filter({ hasText: '4 fields need correcting.' }).waitFor();
    const frame = await checkout.frame();
    const fields = await frame.evaluate(() =>
      [...document.querySelectorAll('input')].map((input) => ({
        id: input.id,
        label: document.querySelector(`label[for="${input.id}"]`)?.textContent,
        labelVisible: (document.querySelector(`label[for="${input.id}"]`) as HTMLElement).offsetHeight > 0,
        invalid: input.getAttribute('aria-invalid'),
        described: (input.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent)
          .join(' | '),
      })),
    );
    assert.deepEqual(fields, [
      {
        id: 'cardHolderName',
        label: 'Name on card',
        labelVisible: true,
        invalid: 'true',
        described: 'Enter the name on the card.',
      },
      {
        id: 'number',
        label: 'Card number',
        labelVisible: true,
        invalid: 'true',
        described: 'Visa or Mastercard |  | Enter the card number.',
      },
      {
        id: 'expiry',
        label: 'Expiry date',
        labelVisible: true,
        invalid: 'true',
        described: 'MM/YY | Enter the expiry date.',
      },
      {
        id: 'cvc',
        label: 'Security code',
        labelVisible: true,
        invalid: 'true',
        described: '3 digits on the back | Enter the security code.',
      },
    ]);
    assert.equal(await focused(), 'cardHolderName', 'focus goes to the first field to correct');
  });

  test('an error clears as soon as the field is corrected', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({ tokenId });
    const form = checkout.form();
    await form.getByRole('button', { name: 'Save card' }).click();
    const name = form.getByLabel('Name on card');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await name.fill('Ada');
    assert.equal(await name.getAttribute('aria-invalid'), null);
  });

  test('the brand is shown as the number is typed', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({ tokenId });
    const form = checkout.form();
    await form.getByLabel('Card number').fill('4');
    assert.equal(await form.locator('#number-brand').textContent(), 'Visa');
    await form.getByLabel('Card number').fill('2221 00');
    assert.equal(await form.locator('#number-brand').textContent(), 'Mastercard');
  });
});

describe('cards refused before anything is sent', () => {
  for (const [what, number, message] of [
    [
      'a Luhn-invalid number',
      '4111 1111 1111 1112',
      'This card number is not valid. Check it for typing errors.',
    ],
    ['another brand (American Express)', '3782 822463 10005', 'Only Visa and Mastercard cards are accepted.'],
    ['an expired card', '4111 1111 1111 1111', 'This card has expired.'],
  ] as const) {
    test(`${what} is refused in the form and never sent`, async () => {
      await running.sandbox.fetch('/_sandbox/requests', { method: 'DELETE' });
      const { tokenId } = await createToken(running.sandbox);
      const index = await checkout.render({ tokenId });
      const sent: string[] = [];
      tab.on('request', (request) => {
        if (request.method() === 'POST') sent.push(request.url());
      });
      const expired = what === 'an expired card';
      await checkout.submitCard({ number, ...(expired && { expiry: '01/20' }) });
      const form = checkout.form();
      await form.getByText(message).waitFor();
      await form.getByRole('alert').filter({ hasText: 'One field needs correcting.' }).waitFor();
      const field = expired ? form.getByLabel('Expiry date') : form.getByLabel('Card number');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      await sleep(100);
      assert.deepEqual(sent, []);
      assert.deepEqual(await cardPosts(), []);
      assert.equal((await checkout.outcome(index)).state, 'pending');
      assert.equal((await readToken(running.sandbox, tokenId)).status, 'PENDING_PAYMENT_FORM');
      tab.removeAllListeners('request');
    });
  }
});

describe('postMessage origin checks', () => {
  const forge = (target: 'parent' | 'sibling', message: object) =>
    `${site.forgerUrl}#${encodeURIComponent(JSON.stringify({ target, message }))}`;

  test('the SDK ignores a success message from another origin, even from inside the form frame', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const index = await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    const heightBefore = await tab
      .locator('#card-container iframe')
      .evaluate((f: HTMLIFrameElement) => f.style.height);
    // The frame navigates away to a page of another origin, which then claims success and a new size.
    const frame = await checkout.frame();
    await frame.goto(
      forge('parent', { source: 'smartpay-sandbox', tokenId, type: 'success', status: 'PROVISIONING' }),
    );
    await frame.getByText('posted').waitFor();
    await frame.evaluate(
      ([id]) =>
        parent.postMessage({ source: 'smartpay-sandbox', tokenId: id, type: 'resize', height: 3 }, '*'),
      [tokenId],
    );
    await sleep(200);
    const outcome = await checkout.outcome(index);
    assert.equal(outcome.state, 'pending');
    assert.deepEqual(outcome.handlers, []);
    const heightAfter = await tab
      .locator('#card-container iframe')
      .evaluate((f: HTMLIFrameElement) => f.style.height);
    assert.equal(heightAfter, heightBefore);
  });

  test('the SDK ignores a success message from another frame on the page', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const index = await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    await tab.evaluate(
      (url) => {
        const forger = document.createElement('iframe');
        forger.src = url;
        document.body.append(forger);
      },
      forge('parent', { source: 'smartpay-sandbox', tokenId, type: 'success', status: 'PROVISIONING' }),
    );
    await tab.frameLocator('body > iframe').getByText('posted').waitFor();
    await sleep(200);
    assert.equal((await checkout.outcome(index)).state, 'pending');
  });

  test('the form ignores options posted from another origin, and takes them from the SDK', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    const background = async () =>
      (await checkout.frame()).evaluate(() => getComputedStyle(document.body).backgroundColor);
    const red = 'rgb(255, 0, 0)';
    await tab.evaluate(
      (url) => {
        const forger = document.createElement('iframe');
        forger.src = url;
        document.body.append(forger);
      },
      forge('sibling', {
        source: 'smartpay-sandbox',
        tokenId,
        type: 'init',
        locale: 'en',
        style: { colorBackground: red },
      }),
    );
    await tab.frameLocator('body > iframe').getByText('posted').waitFor();
    await sleep(100);
    assert.equal(await background(), 'rgb(255, 255, 255)');
    await checkout.render({ tokenId, style: { colorBackground: red } });
    await until(background, (color) => color === red, 2000);
  });
});

describe('options', () => {
  test('style sets the form colours, font, radius and spacing', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({
      tokenId,
      style: {
        colorPrimary: 'rgb(0, 128, 0)',
        colorText: 'rgb(10, 20, 30)',
        colorBackground: 'rgb(250, 250, 240)',
        colorDanger: 'rgb(200, 0, 100)',
        fontFamily: 'monospace',
        borderRadius: '0px',
        spacing: '20px',
      },
    });
    const form = checkout.form();
    await form.getByRole('button', { name: 'Save card' }).click();
    const frame = await checkout.frame();
    // A plain function: tsx would wrap a named arrow in a helper that does not exist in the page.
    const looks = await frame.evaluate(() => ({
      button: getComputedStyle(document.querySelector('button')!).backgroundColor,
      text: getComputedStyle(document.querySelector('label')!).color,
      background: getComputedStyle(document.body).backgroundColor,
      danger: getComputedStyle(document.querySelector('.field-error')!).color,
      font: getComputedStyle(document.body).fontFamily,
      radius: getComputedStyle(document.querySelector('input')!).borderRadius,
      spacing: getComputedStyle(document.querySelector('main')!).paddingTop,
    }));
    assert.deepEqual(looks, {
      button: 'rgb(0, 128, 0)',
      text: 'rgb(10, 20, 30)',
      background: 'rgb(250, 250, 240)',
      danger: 'rgb(200, 0, 100)',
      font: 'monospace',
      radius: '0px',
      spacing: '20px',
    });
  });

  test('locale de-DE gives a German form', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({ tokenId, locale: 'de-DE' });
    const form = checkout.form();
    await form.getByLabel('Kartennummer').waitFor();
    assert.equal(await (await checkout.frame()).evaluate(() => document.documentElement.lang), 'de-DE');
  });

  test('the frame comes from the sandbox origin and grows to fit the form', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    const frame = await checkout.frame();
    assert.equal(new URL(frame.url()).origin, running.url);
    assert.notEqual(new URL(frame.url()).origin, site.origin);
    const height = await until(
      () =>
        tab
          .locator('#card-container iframe')
          .evaluate((f: HTMLIFrameElement) => Number.parseInt(f.style.height, 10)),
      (h) => h > 300,
    );
    const content = await frame.evaluate(() => document.body.scrollHeight);
    assert.ok(Math.abs(height - content) <= 1, `frame ${height}px, content ${content}px`);
  });

  const invalid: [string, Record<string, unknown>][] = [
    ['no containerId', { containerId: '' }],
    ['a tokenId that is not a UUID', { tokenId: 'tok_123' }],
    ['a style key the form does not know', { style: { colour: 'red' } }],
    ['a locale that is not a language tag', { locale: 'english please' }],
    ['a successHandler that is not a function', { successHandler: 'yes' }],
  ];
  for (const [what, options] of invalid) {
    test(`${what} rejects with ERROR_INVALID_INPUT and calls errorHandler`, async () => {
      const index = await checkout.render({ tokenId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', ...options });
      const outcome = await checkout.settled(index);
      assert.equal(outcome.state, 'rejected');
      assert.equal(outcome.code, 'ERROR_INVALID_INPUT');
      assert.equal(outcome.handlers.length, 1);
      assert.equal(outcome.handlers[0]?.[1], 'ERROR_INVALID_INPUT');
      assert.equal(await checkout.frameCount(), 0);
    });
  }

  test('a missing container rejects with ERR_CONFIG', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const outcome = await checkout.settled(await checkout.render({ tokenId, containerId: 'nowhere' }));
    assert.deepEqual([outcome.code, outcome.message], ['ERR_CONFIG', 'No element has the id "nowhere".']);
  });

  test('a form that never loads rejects with ERR_CONFIG once its frame has stayed silent for 2 s', async () => {
    const { tokenId } = await createToken(running.sandbox);
    await tab.route('**/sdk/card-form?*', (route) => route.abort('connectionrefused'));
    try {
      const index = await checkout.render({ tokenId });
      await sleep(1000);
      assert.equal((await checkout.outcome(index)).state, 'pending', 'not given up too early');
      const outcome = await checkout.settled(index, 3000);
      assert.deepEqual([outcome.code, outcome.message], ['ERR_CONFIG', 'The card form could not be loaded.']);
      assert.equal(await checkout.frameCount(), 0);
    } finally {
      await tab.unrouteAll();
    }
  });

  test('an unknown token rejects with ERR_CONFIG and leaves no frame behind', async () => {
    const index = await checkout.render({ tokenId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
    const outcome = await checkout.settled(index);
    assert.deepEqual(
      [outcome.code, outcome.handlers],
      ['ERR_CONFIG', [['error', 'ERR_CONFIG', 'No token has this tokenId.']]],
    );
    assert.equal(await checkout.frameCount(), 0);
  });
});

describe('rendering twice, and after the token is final', () => {
  test('rendering the same token twice into one container keeps one form and one promise; the latest handlers are called', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const first = await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    const second = await checkout.render({ tokenId });
    const samePromise = await tab.evaluate(
      ({ a, b }) => window.results[a]!.promise === window.results[b]!.promise,
      {
        a: first,
        b: second,
      },
    );
    assert.equal(samePromise, true);
    assert.equal(await checkout.frameCount(), 1);
    await checkout.submitCard({ number: '4111 1111 1111 1111' });
    const [a, b] = [await checkout.settled(first), await checkout.settled(second)];
    assert.equal(a.state, 'resolved');
    assert.deepEqual(b.value, a.value);
    assert.deepEqual(a.handlers, [], 'the first call handlers were replaced');
    assert.equal(b.handlers.length, 1);
  });

  test('rendering the same token into another container moves the form there', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const first = await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    await checkout.render({ tokenId, containerId: 'other-container' });
    assert.equal(await tab.locator('#card-container iframe').count(), 0);
    assert.equal(await checkout.frameCount(), 1);
    await checkout.submitCard({ number: '5555 5555 5555 4444' }, 'other-container');
    assert.equal((await checkout.settled(first)).state, 'resolved');
  });

  test("rendering another token into the container replaces the first token's form, which rejects ERR_CONFIG", async () => {
    const [a, b] = [await createToken(running.sandbox), await createToken(running.sandbox)];
    const first = await checkout.render({ tokenId: a.tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    const second = await checkout.render({ tokenId: b.tokenId });
    const outcome = await checkout.settled(first);
    assert.deepEqual(
      [outcome.code, outcome.message],
      ['ERR_CONFIG', 'The card form was replaced by another renderWidget call.'],
    );
    assert.equal(await tab.locator(`iframe[data-smartpay-token-id="${b.tokenId}"]`).count(), 1);
    assert.equal(await checkout.frameCount(), 1);
    assert.equal((await checkout.outcome(second)).state, 'pending');
  });

  test('rendering a token whose card was already accepted rejects with ERR_CONFIG', async () => {
    const { tokenId } = await createToken(running.sandbox);
    const first = await checkout.render({ tokenId });
    await checkout.submitCard({ number: '4111 1111 1111 1111' });
    assert.equal((await checkout.settled(first)).state, 'resolved');
    await until(
      () => readToken(running.sandbox, tokenId),
      (token) => token.status === 'ACTIVE',
    );
    const again = await checkout.settled(await checkout.render({ tokenId }));
    assert.deepEqual([again.code, again.message], ['ERR_CONFIG', 'This token no longer waits for a card.']);
    assert.equal(await checkout.frameCount(), 1, 'the first form, showing its confirmation, stays');
  });

  test('rendering an expired token rejects with ERROR_CHECKOUT_TIMEOUT', async () => {
    checkout = await Checkout.open(tab, site, expiring.url);
    const { tokenId } = await createToken(expiring.sandbox);
    await until(
      () => readToken(expiring.sandbox, tokenId),
      (token) => token.status === 'ERROR',
    );
    const outcome = await checkout.settled(await checkout.render({ tokenId }));
    assert.equal(outcome.code, 'ERROR_CHECKOUT_TIMEOUT');
  });

  test('a form left open until the token expires rejects with ERROR_CHECKOUT_TIMEOUT', async () => {
    checkout = await Checkout.open(tab, site, expiring.url);
    const { tokenId } = await createToken(expiring.sandbox);
    const index = await checkout.render({ tokenId });
    await checkout.form().getByLabel('Name on card').waitFor();
    const outcome = await checkout.settled(index, 3000);
    assert.deepEqual(outcome.handlers, [
      ['error', 'ERROR_CHECKOUT_TIMEOUT', 'The payment form for this token has expired.'],
    ]);
    assert.equal((await readToken(expiring.sandbox, tokenId)).status, 'ERROR');
    assert.equal(await checkout.frameCount(), 0);
  });
});
