import { z } from 'zod';
import { TOKEN_STATUSES } from '../status.js';

/*
 * SmartPay's answers are read liberally and our requests written strictly: a longer value, a new
 * brand, a longer token number or a field we do not know must never make a token unreadable.
 * `networkTokenSchema` checks only what clients need; `documentedNetworkTokenSchema` is the shape
 * the API page documents, used to notice (and log) what differs from it.
 */

/** Any string; any other type is dropped rather than refused. */
const anyText = z.string().optional().catch(undefined);
const loose = <S extends z.ZodRawShape>(shape: S) => z.object(shape).optional().catch(undefined);

/** The network token itself: only present once the token is ACTIVE. Never leaves the server. */
export const networkTokenDataSchema = loose({
  extIdentifier: anyText,
  tokenExpiryMonth: anyText,
  tokenExpiryYear: anyText,
  tokenNumber: anyText,
});

/** What the card behind the token looks like: brand, last four digits, expiry. */
export const tokenizedCardDataSchema = loose({
  accountHolderReferenceId: anyText,
  expiryMonth: anyText,
  expiryYear: anyText,
  brand: anyText,
  last4Digits: anyText,
});

/**
 * A token as SmartPay returns it from POST /network-tokens and GET /network-tokens/{tokenId},
 * read liberally: only the id, the status and the two timestamps (which the merchant API passes
 * on) must be strings; unknown fields are dropped, and any status is accepted (unknown ones are
 * not final).
 */
export const networkTokenSchema = z.object({
  tokenId: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  authorizationId: anyText,
  externalMerchantId: anyText,
  tokenReferenceIdentifier: anyText,
  status: z.string().min(1),
  networkToken: networkTokenDataSchema,
  tokenizedCardData: tokenizedCardDataSchema,
});

export type NetworkToken = z.infer<typeof networkTokenSchema>;

const text = (max: number) => z.string().max(max);

/**
 * The token exactly as the API page documents it (limits, statuses, brands, no other fields). Not
 * for reading answers: its issues say what looked odd about one.
 */
export const documentedNetworkTokenSchema = z.strictObject({
  tokenId: z.uuid(),
  createdAt: text(30),
  updatedAt: text(30),
  authorizationId: text(36).optional(),
  externalMerchantId: text(36).optional(),
  tokenReferenceIdentifier: text(36).optional(),
  status: z.enum(TOKEN_STATUSES),
  networkToken: z
    .strictObject({
      extIdentifier: text(36).optional(),
      tokenExpiryMonth: text(2).optional(),
      tokenExpiryYear: text(4).optional(),
      tokenNumber: text(19).optional(),
    })
    .optional(),
  tokenizedCardData: z
    .strictObject({
      accountHolderReferenceId: text(36).optional(),
      expiryMonth: text(2).optional(),
      expiryYear: text(4).optional(),
      brand: text(10).optional(),
      last4Digits: text(4).optional(),
    })
    .optional(),
});
