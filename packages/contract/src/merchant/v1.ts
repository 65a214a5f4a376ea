/**
 * @module
 * The server-to-server API under `/v1`: for the merchant's backend only, authenticated with
 * `Authorization: Bearer <MERCHANT_API_KEY>`, refused from browsers. Errors use the same envelope
 * as the browser API (MerchantErrorBody).
 */
import { z } from 'zod';
import { publicCardSchema } from './api.js';
import { webhookEventSchema } from './webhooks.js';

/** The `/v1` paths, relative to the merchant server's base URL. */
export const V1_PATHS = {
  token: (tokenId: string) => `/v1/network-tokens/${encodeURIComponent(tokenId)}`,
  accountTokens: (accountReferenceId: string) =>
    `/v1/accounts/${encodeURIComponent(accountReferenceId)}/network-tokens`,
  events: '/v1/events',
  event: (eventId: string) => `/v1/events/${encodeURIComponent(eventId)}`,
  redeliver: (eventId: string) => `/v1/events/${encodeURIComponent(eventId)}/redeliver`,
} as const;

/** Page sizes of the list endpoints (`?limit=`). */
export const V1_PAGE_LIMIT = { default: 20, max: 100 } as const;

/** The network token itself: what a payment is charged with. Server-to-server only. */
export const v1NetworkTokenDataSchema = z.object({
  tokenNumber: z.string(),
  expiryMonth: z.string().nullable(),
  expiryYear: z.string().nullable(),
});

/** GET /v1/network-tokens/{tokenId}: everything this server knows of a token. */
export const v1TokenSchema = z.object({
  tokenId: z.string(),
  /** Absent only for a token this server did not create. */
  accountReferenceId: z.string().nullable(),
  status: z.string(),
  /** SmartPay's timestamps. */
  createdAt: z.string(),
  updatedAt: z.string(),
  card: publicCardSchema.nullable(),
  /** Null until ACTIVE, and after the token was removed. */
  networkToken: v1NetworkTokenDataSchema.nullable(),
  /** Set once DELETE removed it here (ISO 8601); SmartPay documents no delete, so it lives on there. */
  removedAt: z.string().nullable(),
});

/** A page of a list: `next` is the cursor for `?cursor=`, null on the last page. */
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next: z.string().nullable() });

/** GET /v1/accounts/{accountReferenceId}/network-tokens: newest first, removed ones left out. */
export const v1TokenPageSchema = pageOf(v1TokenSchema);

/** One delivery attempt of an event to one endpoint. */
export const v1WebhookAttemptSchema = z.object({
  endpoint: z.string(),
  /** 1 for the first try. */
  attempt: z.number().int(),
  at: z.string(),
  /** The receiver's HTTP status; null when none came (timeout, refused connection). */
  httpStatus: z.number().int().nullable(),
  durationMs: z.number(),
  /** Why it failed, in a few words; null on success. */
  error: z.string().nullable(),
});

/** Where an event stands with one endpoint. */
export const v1WebhookDeliverySchema = z.object({
  endpoint: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  /** When the next attempt is due (ISO 8601), while pending. */
  nextAttemptAt: z.string().nullable(),
});

/** GET /v1/events items: the event as delivered, with its deliveries and attempts. */
export const v1EventSchema = z.object({
  event: webhookEventSchema,
  deliveries: z.array(v1WebhookDeliverySchema),
  attempts: z.array(v1WebhookAttemptSchema),
});

/** GET /v1/events: oldest first, so a cursor kept after an outage resumes where it stopped. */
export const v1EventPageSchema = pageOf(v1EventSchema);

export type V1Token = z.infer<typeof v1TokenSchema>;
export type V1TokenPage = z.infer<typeof v1TokenPageSchema>;
export type V1WebhookAttempt = z.infer<typeof v1WebhookAttemptSchema>;
export type V1WebhookDelivery = z.infer<typeof v1WebhookDeliverySchema>;
export type V1Event = z.infer<typeof v1EventSchema>;
export type V1EventPage = z.infer<typeof v1EventPageSchema>;
