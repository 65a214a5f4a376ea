/**
 * @module
 * Standard Webhooks signatures, made and checked by the `standardwebhooks` package:
 * `webhook-signature` holds `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each secret,
 * space-separated, so a receiver in the middle of a rotation accepts either.
 */
import { type WebhookEvent, webhookEventSchema } from '@smartpay/contract';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** The three headers of a signed delivery. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** Signs `body` as message `id` sent at `at`, with every secret. */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  at: Date,
  body: string,
): WebhookSignatureHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1_000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' '),
  };
}

/** The headers of a request, however the framework gives them. */
export type WebhookRequestHeaders = Headers | Readonly<Record<string, string | string[] | undefined>>;

function header(headers: WebhookRequestHeaders, name: string): string {
  if (headers instanceof Headers) return headers.get(name) ?? '';
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/**
 * Checks a delivery as a merchant's receiver gets it: the raw body exactly as received, its
 * headers, and your endpoint's secret (or several during a rotation). Returns the event; throws
 * `WebhookVerificationError` when the signature does not match any secret, the timestamp is more
 * than 5 minutes off, or the body is not an event. Deduplicate by `event.id` (the `webhook-id`).
 *
 * @example
 * ```ts
 * app.post('/webhooks', express.text({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(process.env.WEBHOOK_SECRET!, req.body, req.headers);
 *   res.sendStatus(204);
 * });
 * ```
 */
export function verifyWebhook(
  secret: string | readonly string[],
  body: string,
  headers: WebhookRequestHeaders,
): WebhookEvent {
  const signed = {
    'webhook-id': header(headers, 'webhook-id'),
    'webhook-timestamp': header(headers, 'webhook-timestamp'),
    'webhook-signature': header(headers, 'webhook-signature'),
  };
  const secrets = typeof secret === 'string' ? secret.split(/\s+/).filter(Boolean) : secret;
  let failure: unknown = new WebhookVerificationError('No secret given');
  for (const one of secrets) {
    try {
      const payload = new Webhook(one).verify(body, signed);
      const parsed = webhookEventSchema.safeParse(payload);
      if (!parsed.success) throw new WebhookVerificationError('The body is not a webhook event');
      if (parsed.data.id !== signed['webhook-id']) {
        throw new WebhookVerificationError('The event id is not the webhook-id');
      }
      return parsed.data;
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

export { WebhookVerificationError };
