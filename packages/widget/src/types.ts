/**
 * The public shapes of the element's properties and event details. They are written out here so
 * the published typings stand alone; `types.check.ts` proves they match the shared contract.
 */

/** How the card reaches SmartPay: its hosted form (`payment-form`) or the widget's own fields (`direct`). */
export type IntegrationFlow = 'payment-form' | 'direct';

/**
 * A PCI vault of the merchant's own, for the direct flow (the element's `tokenize` property): takes
 * the card number and CVC, returns the tokens SmartPay accepts in `cardDetails`. With it, the create
 * goes to the merchant server with those tokens instead of through SmartPay's PCI proxy.
 */
export type CardTokenizer = (
  card: { pan: string; cvv: string },
  signal: AbortSignal,
) => Promise<{ cardToken: string; cvvToken: string }>;

/** A token status. `ACTIVE` and `ERROR` are final; anything else SmartPay adds later is not. */
export type TokenStatus = 'PENDING_PAYMENT_FORM' | 'PROVISIONING' | 'ACTIVE' | 'ERROR' | (string & {});

/** The consumer, as the merchant API takes it. Every field is a string; see the contract for limits. */
export interface Consumer {
  title?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  emailAddress?: string;
  dateOfBirth?: string;
  gender?: string;
  culture?: string;
  mobilePhone?: string;
  homePhone?: string;
  workPhone?: string;
  merchantCustomerId?: string;
  taxNumber?: string;
}

/** A billing or shipping address. `countryCode` is ISO 3166-1 alpha-3; `state` is needed for USA and CAN. */
export interface Address {
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  number?: string;
  postCode?: string;
  city?: string;
  countryCode?: string;
  state?: string;
}

/** The card behind an ACTIVE token, as much as a browser may see. */
export interface PublicCard {
  brand: string;
  last4: string;
  expiryMonth: string;
  expiryYear: string;
}

/** The public view of a token (`GET /api/network-tokens/{tokenId}`). */
export interface PublicToken {
  tokenId: string;
  status: TokenStatus;
  updatedAt: string;
  card?: PublicCard;
}

/** An ACTIVE token's public view: its card is always known (`smartpay-token-active`). */
export interface ActivePublicToken extends PublicToken {
  card: PublicCard;
}
