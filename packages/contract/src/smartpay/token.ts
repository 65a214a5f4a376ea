import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** The network token itself: only present once the token is ACTIVE. Never leaves the server. */
export const networkTokenDataSchema = z.object({
  extIdentifier: text(36).optional(),
  tokenExpiryMonth: text(2).optional(),
  tokenExpiryYear: text(4).optional(),
  tokenNumber: text(19).optional(),
});

/** What the card behind the token looks like: brand, last four digits, expiry. */
export const tokenizedCardDataSchema = z.object({
  accountHolderReferenceId: text(36).optional(),
  expiryMonth: text(2).optional(),
  expiryYear: text(4).optional(),
  brand: text(10).optional(),
  last4Digits: text(4).optional(),
});

/**
 * A token as SmartPay returns it from POST /network-tokens and GET /network-tokens/{tokenId}.
 * Unknown fields are dropped, and any status string is accepted (unknown ones are not final).
 */
export const networkTokenSchema = z.object({
  tokenId: text(36),
  createdAt: text(30),
  updatedAt: text(30),
  authorizationId: text(36).optional(),
  externalMerchantId: text(36).optional(),
  tokenReferenceIdentifier: text(36).optional(),
  status: text(32),
  networkToken: networkTokenDataSchema.optional(),
  tokenizedCardData: tokenizedCardDataSchema.optional(),
});

export type NetworkToken = z.infer<typeof networkTokenSchema>;
