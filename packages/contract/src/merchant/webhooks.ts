import { z } from 'zod';
import { publicCardSchema } from './api.js';

/** The events the merchant server sends to its webhook endpoints. */
export const WEBHOOK_EVENT_TYPES = [
  'network_token.created',
  'network_token.active',
  'network_token.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The Standard Webhooks headers every delivery carries. */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/**
 * The body of every webhook delivery. Never holds the network token number: fetch it with
 * `GET /v1/network-tokens/{tokenId}`. `id` is also the `webhook-id` header: deduplicate by it.
 */
export const webhookEventSchema = z.object({
  id: z.string(),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  /** ISO 8601: when the status change that caused the event was stored. */
  createdAt: z.string(),
  data: z.object({
    tokenId: z.string(),
    accountReferenceId: z.string(),
    /** SmartPay's status at the event. */
    status: z.string(),
    /** Known once SmartPay has read the card; null before (a created event usually has none). */
    card: publicCardSchema.nullable(),
  }),
});

export type WebhookEvent = z.infer<typeof webhookEventSchema>;
