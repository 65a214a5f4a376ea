import { z } from 'zod';
import { COUNTRY_CODES } from '../countries.js';
import { INTEGRATION_FLOWS } from '../fields/token-request.js';
import { CREATE_TOKEN_BODY_SPEC } from '../specs.js';
import { bodyOf } from '../zod/build.js';

/** GET /api/config: the public settings the widget needs. */
export const merchantConfigSchema = z.object({
  /** SmartPay's payment-form SDK script, loaded once per page. */
  sdkUrl: z.url(),
  /** SmartPay's PCI proxy, the only place card numbers are sent in the direct flow. */
  tokenizeUrl: z.url(),
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

export type MerchantConfig = z.infer<typeof merchantConfigSchema>;
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>;
export type PublicCard = z.infer<typeof publicCardSchema>;
export type PublicToken = z.infer<typeof publicTokenSchema>;
