/**
 * @module
 * The demo's webhook receiver, on under `npm start` (DEMO_WEBHOOK_RECEIVER): `POST /demo/webhooks`
 * checks each delivery with `verifyWebhook`, as a merchant's backend would, and keeps the last
 * few it verified in memory; `GET /demo/webhooks` lists them on a small page. It shows the whole
 * loop on one machine; a real receiver lives in the merchant's own backend.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../middleware/request-context.js';
import { verifyWebhook } from '../webhooks/signing.js';

/** Deliveries kept; older ones are forgotten. */
export const DEMO_DELIVERIES_KEPT = 50;

interface Received {
  readonly receivedAt: string;
  readonly id: string;
  readonly type: string;
  readonly tokenId: string;
  readonly status: string;
  readonly card: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `secrets`: every secret the server signs with (this receiver accepts any of them). */
export function demoWebhookReceiver(secrets: readonly string[]): Hono<AppEnv> {
  const received: Received[] = [];
  let refused = 0;
  const receiver = new Hono<AppEnv>();

  receiver.post('/', bodyLimit({ maxSize: 64 * 1024 }), async (c) => {
    const body = await c.req.text();
    try {
      const event = verifyWebhook(secrets, body, c.req.raw.headers);
      // Deduplicate by webhook-id, as every receiver should.
      if (!received.some((entry) => entry.id === event.id)) {
        const card = event.data.card;
        received.unshift({
          receivedAt: new Date().toISOString(),
          id: event.id,
          type: event.type,
          tokenId: event.data.tokenId,
          status: event.data.status,
          card: card ? `${card.brand} •••• ${card.last4} (${card.expiryMonth}/${card.expiryYear})` : '',
        });
        received.length = Math.min(received.length, DEMO_DELIVERIES_KEPT);
      }
      return c.body(null, 204);
    } catch {
      refused++;
      return c.json({ error: 'signature not verified' }, 400);
    }
  });

  receiver.get('/', (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (c.req.header('accept')?.includes('application/json')) return c.json({ data: received, refused });
    const rows = received
      .map(
        (entry) =>
          `<tr><td>${escapeHtml(entry.receivedAt)}</td><td>${escapeHtml(entry.type)}</td><td><code>${escapeHtml(entry.tokenId)}</code></td>` +
          `<td>${escapeHtml(entry.status)}</td><td>${escapeHtml(entry.card)}</td><td><code>${escapeHtml(entry.id)}</code></td></tr>`,
      )
      .join('');
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Webhook deliveries (demo)</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}</style>
</head><body><main>
<h1>Webhook deliveries this server verified</h1>
<p>Signed with Standard Webhooks and checked with <code>verifyWebhook</code>; the last ${DEMO_DELIVERIES_KEPT} are kept in memory. Refused (bad signature): ${refused}. This page refreshes every 3 s.</p>
${received.length === 0 ? '<p>None yet: save a card on the <a href="/">demo page</a>.</p>' : `<table><caption>Newest first</caption><thead><tr><th scope="col">Received</th><th scope="col">Type</th><th scope="col">Token</th><th scope="col">Status</th><th scope="col">Card</th><th scope="col">webhook-id</th></tr></thead><tbody>${rows}</tbody></table>`}
<p><a href="/">Back to the demo</a></p>
</main></body></html>`);
  });

  return receiver;
}
