/**
 * The Next.js 16 (App Router) example: a checkout page rendered on the server per request, under
 * a nonce-based CSP, whose client component registers the element after hydration. The merchant
 * API is reached through the app's own origin (its proxy forwards /api to the merchant server).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import { type NextApp, startNextExample } from '../harness/nextjs.ts';
import {
  cspViolations,
  enterCardInHostedForm,
  fetchedBodies,
  fillDetails,
  openCheckout,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

/** The nonce a page's Content-Security-Policy allows scripts with. */
function nonceOf(response: Response): string {
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  assert.ok(nonce, `no nonce in the policy: ${response.headers.get('content-security-policy')}`);
  return nonce;
}

describe('Next.js 16 example (App Router)', () => {
  let app: NextApp;
  before(async () => {
    app = await startNextExample(suite.stack);
  });
  after(() => app?.stop());

  test('the server renders the order and the element, with a fresh nonce on every script', async () => {
    const first = await fetch(`${app.url}/`);
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.match(html, /<li>Enamel mug × 2: €29\.00<\/li>/);
    assert.match(html, /Total <strong>€41\.90<\/strong>/);
    // The bare tag with the cart's currency, upgraded in the browser later.
    assert.match(html, /<smartpay-network-token currency="EUR"><\/smartpay-network-token>/);
    const nonce = nonceOf(first);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const script of scripts) assert.ok(script.includes(` nonce="${nonce}"`), script);
    const second = await fetch(`${app.url}/`);
    assert.notEqual(nonceOf(second), nonce, 'each request gets its own nonce');
  });

  test(
    'a shopper saves a card: no console errors, no hydration warnings, no CSP violations',
    screenshotOnFailure(async (t) => {
      const { page, errors } = await openSession(suite.browser, t);
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await openCheckout(page, `${app.url}/`);
      await fillDetails(page);
      await enterCardInHostedForm(page, { number: '4111 1111 1111 1111' });
      const active = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
      await page.getByRole('status').getByText('Saved: VISA ending in 1111').waitFor();
      // The status came through the app's own origin, as a stream, from the merchant server.
      const streams = (await fetchedBodies(page)).filter((body) =>
        body.url.startsWith(`${app.url}/api/network-tokens/${active.detail.tokenId}/events`),
      );
      assert.ok(
        streams.some((stream) => stream.text.includes('"ACTIVE"')),
        JSON.stringify(streams),
      );
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(errors, []);
      assert.deepEqual(warnings, []);
    }),
  );
});
