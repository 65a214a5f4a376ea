/**
 * Nothing the browser receives holds the network token number, the authorization id, the
 * merchant's keys, or anybody else's personal data; and the server's logs hold no token number.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSession, screenshotOnFailure } from '../harness/browser.ts';
import {
  enterCardInHostedForm,
  enterCardInWidget,
  fetchedBodies,
  fillDetails,
  openCheckout,
  SHOPPER,
  waitForEvent,
} from '../harness/shopper.ts';
import { useStack } from '../harness/suite.ts';

const suite = useStack();

const BASIC = `Basic ${Buffer.from('sandbox-merchant-key:sandbox-auth-key').toString('base64')}`;

/** The token as SmartPay holds it, read with the merchant's keys (what only the server may see). */
async function upstreamToken(tokenId: string) {
  const response = await fetch(`${suite.stack.sandboxUrl}/network-tokens/${tokenId}`, {
    headers: {
      authorization: BASIC,
      'content-type': 'application/json',
      'accept-language': 'en-US',
      origin: suite.stack.serverUrl,
      'user-agent': 'smartpay-e2e',
    },
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { authorizationId: string; networkToken: { tokenNumber: string } };
}

test(
  "no response to the page holds secrets or another shopper's data, in either flow",
  screenshotOnFailure(async (t) => {
    // Another shopper saves a card first, in their own browser context.
    const other = await openSession(suite.browser, t);
    const otherShopper = {
      ...SHOPPER,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace.hopper@example.org',
      street: 'Arlington Ridge Rd',
    };
    await openCheckout(other.page, suite.stack.serverUrl);
    await fillDetails(other.page, otherShopper);
    await enterCardInHostedForm(other.page, { number: '5555 5555 5555 4444' });
    const otherToken = await waitForEvent(other.page, 'smartpay-token-active', { timeout: 30_000 });

    const { page, responses } = await openSession(suite.browser, t);
    await openCheckout(page, suite.stack.serverUrl);
    await fillDetails(page);
    await enterCardInHostedForm(page, { number: '4111 1111 1111 1111' });
    const hosted = await waitForEvent(page, 'smartpay-token-active', { timeout: 30_000 });
    // A saved card stays saved; the merchant's page starts a second one with the public reset().
    await page.evaluate("document.querySelector('smartpay-network-token').reset()");
    await page.getByLabel('Our own card fields (direct mode)').check();
    await fillDetails(page);
    await enterCardInWidget(page, { number: '5105 1051 0510 5100' });
    const direct = await waitForEvent(page, 'smartpay-token-active', { nth: 2 });

    const secrets: string[] = ['sandbox-merchant-key', 'sandbox-auth-key', BASIC.slice(6)];
    for (const tokenId of [hosted.detail.tokenId!, direct.detail.tokenId!, otherToken.detail.tokenId!]) {
      const upstream = await upstreamToken(tokenId);
      secrets.push(upstream.networkToken.tokenNumber, upstream.authorizationId);
    }
    const othersData = [
      otherShopper.firstName,
      otherShopper.lastName,
      otherShopper.email,
      otherShopper.street,
      otherToken.detail.tokenId!,
    ];
    const ownData = [SHOPPER.email, SHOPPER.lastName, SHOPPER.street];

    await page.waitForTimeout(200); // let the last response bodies be read
    // Every body: documents, scripts and frames (Playwright), and what scripts fetched, streams included.
    const received = [
      ...responses.map((r) => ({ url: `${r.url} (${r.status})`, body: r.body })),
      ...(await fetchedBodies(page)).map((f) => ({ url: `fetch ${f.url}`, body: f.text })),
    ];
    // The check reads real API bodies: the status stream of this shopper's token is among them.
    const stream = received.find(
      (r) => r.url === `fetch ${suite.stack.serverUrl}/api/network-tokens/${hosted.detail.tokenId}/events`,
    );
    assert.match(stream?.body ?? '', /event: status[\s\S]*"last4":"1111"/);
    for (const response of received) {
      for (const value of [...secrets, ...othersData, ...ownData]) {
        assert.ok(!response.body.includes(value), `${response.url} holds "${value}"`);
      }
    }
    const logs = suite.stack.serverLogs();
    assert.ok(logs.length > 0);
    for (const value of [...secrets, SHOPPER.email, otherShopper.email, SHOPPER.street]) {
      assert.ok(!logs.includes(value), `a server log line holds "${value}"`);
    }
  }),
);
