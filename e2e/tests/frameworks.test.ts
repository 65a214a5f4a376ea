/**
 * The plain HTML, React 19, Vue 3, Svelte 5 and Angular 21 examples, as the merchant server serves
 * their builds under the demo's strict CSP, each complete a flow with the element. (Next.js has its
 * own server: nextjs.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import {
  cspViolations,
  enterCardInHostedForm,
  enterCardInWidget,
  fillDetails,
  openCheckout,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

const EXAMPLES = [
  ['plain HTML (the CDN file)', '/examples/'],
  ['React 19 (typed wrapper)', '/examples/react/'],
  ['Vue 3', '/examples/vue/'],
  ['Svelte 5', '/examples/svelte/'],
  ['Angular 21 (standalone, zoneless)', '/examples/angular/'],
] as const;

describe('framework examples', { concurrency: 3 }, () => {
  for (const [name, path] of EXAMPLES) {
    test(
      `${name}: the hosted form flow saves a card and the page hears about it`,
      screenshotOnFailure(async (t) => {
        const { page, errors } = await openSession(suite.browser, t);
        await openCheckout(page, suite.stack.serverUrl + path);
        await fillDetails(page);
        await enterCardInHostedForm(page, { number: '4111 1111 1111 1111' });
        await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
        await page.getByText('Saved: VISA ending in 1111').waitFor();
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(errors, []);
      }),
    );
  }
  for (const [name, path] of EXAMPLES.slice(1)) {
    test(
      `${name}: switching the flow through the framework's binding gives direct mode`,
      screenshotOnFailure(async (t) => {
        const { page } = await openSession(suite.browser, t);
        await openCheckout(page, suite.stack.serverUrl + path);
        await page.getByLabel('Direct card fields').check();
        await fillDetails(page);
        await enterCardInWidget(page, { number: '5555 5555 5555 4444' });
        await waitForEvent(page, 'smartpay-token-active');
        await page.getByText('Saved: MASTERCARD ending in 4444').waitFor();
      }),
    );
  }
});
