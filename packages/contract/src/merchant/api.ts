import { z } from 'zod';
import { COUNTRY_CODES } from '../countries.js';
import { INTEGRATION_FLOWS } from '../fields/token-request.js';
import { CREATE_TOKEN_BODY_SPEC } from '../specs.js';
import { bodyOf } from '../zod/build.js';

/** GET /api/config: the public settings the widget needs. */
export const merchantConfigSchema = z.object({
  /** SmartPay's payment-form SDK script, loaded once per page. */
  sdkUrl: z.url(),
  /** The flows this merchant allows. */
  integrationFlows: z.array(z.enum(INTEGRATION_FLOWS)).min(1),
  /** Used when the widget sends no currencyCode. */
  currencyCode: z.string().length(3),
  /** The billing country the widget preselects (ISO 3166-1 alpha-3), unless the page sets its own. */
  defaultCountry: z.enum(COUNTRY_CODES as [string, ...string[]]).optional(),
});

/** POST /api/network-tokens body. The server adds accountReferenceId and accountCategory. */
export const createTokenBodySchema = bodyOf(CREATE_TOKEN_BODY_SPEC);

/** POST /api/network-tokens 201 answer. */
export const createTokenResponseSchema = z.object({
  tokenId: z.string(),
  status: z.string(),
  /** Proves the right to read this token's status; sent back as `Authorization: Bearer …`. */
  clientSecret: z.string(),
  createdAt: z.string(),
});

/**
 * POST /api/network-tokens/direct-attempts 201 answer: everything the browser needs to send one
 * direct create through SmartPay's PCI proxy. It posts the create body, with the card number at
 * `X-Pcp-Cc-Path` and the CVV at `X-Pcp-Cvv-Path`, to `proxyUrl` with these headers as given; the
 * proxy swaps both for tokens and forwards the body to the merchant server's create endpoint
 * (`X-Pcp-Url`) with `X-Pcp-Authorization` as its Authorization, and answers what that answered.
 */
export const directAttemptSchema = z.object({
  /** SmartPay's PCI proxy, `…/forwarding/tokenize`. */
  proxyUrl: z.url(),
  /** Send exactly these (header names as SmartPay's proxy spells them). */
  headers: z.record(z.string(), z.string()),
  /** After this the credential is refused; ask for a new attempt with the same Idempotency-Key. */
  expiresAt: z.string(),
});

/** The card behind an ACTIVE token, as much as a browser may see. */
export const publicCardSchema = z.object({
  brand: z.string(),
  last4: z.string(),
  expiryMonth: z.string(),
  expiryYear: z.string(),
});

/** GET /api/network-tokens/{tokenId} and each event of …/events: the public view of a token. */
export const publicTokenSchema = z.object({
  tokenId: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  card: publicCardSchema.optional(),
});

/** One entry of GET /api/saved-cards: an ACTIVE token of the session's account, public view. */
export const savedCardSchema = z.object({
  tokenId: z.string(),
  card: publicCardSchema,
  createdAt: z.string(),
});

/** GET /api/saved-cards answer, newest first. */
export const savedCardListSchema = z.object({
  data: z.array(savedCardSchema),
});

export type MerchantConfig = z.infer<typeof merchantConfigSchema>;
export type DirectAttempt = z.infer<typeof directAttemptSchema>;
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>;
export type PublicCard = z.infer<typeof publicCardSchema>;
export type PublicToken = z.infer<typeof publicTokenSchema>;
export type SavedCard = z.infer<typeof savedCardSchema>;
export type SavedCardList = z.infer<typeof savedCardListSchema>;
