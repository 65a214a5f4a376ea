/** The header that makes POST /api/network-tokens safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 8 to 255 visible ASCII characters: long enough to be unique, short enough to store. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** The server-sent event name of each status message on …/events. */
export const STATUS_EVENT = 'status';

/** The merchant API paths, relative to the widget's `endpoint`. */
export const MERCHANT_PATHS = {
  config: '/api/config',
  tokens: '/api/network-tokens',
  /** POST: a short-lived credential for one direct create sent through SmartPay's PCI proxy. */
  directAttempts: '/api/network-tokens/direct-attempts',
  token: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}`,
  events: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}/events`,
  /** POST (client secret): SmartPay's form accepted the card; the server reads fast from now on. 202. */
  cardSubmitted: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}/card-submitted`,
  /** GET: the saved cards of the current session's account (public view only). */
  savedCards: '/api/saved-cards',
  /** DELETE: removes one of the current session's saved cards; 204, or 404 when it is not theirs. */
  savedCard: (tokenId: string) => `/api/saved-cards/${encodeURIComponent(tokenId)}`,
} as const;

/**
 * The headers of SmartPay's PCI proxy (`POST {proxy}/forwarding/tokenize`): where to forward, the
 * Authorization to forward with, and the JSON paths whose card number and CVV it replaces with
 * permanent tokens. SmartPay documents the first three; the CVV path header is inferred.
 */
export const PCI_PROXY_HEADERS = {
  url: 'X-Pcp-Url',
  authorization: 'X-Pcp-Authorization',
  cardPath: 'X-Pcp-Cc-Path',
  cvvPath: 'X-Pcp-Cvv-Path',
} as const;

/** Where a direct create carries the card number and CVV on its way to the PCI proxy. */
export const DIRECT_CARD_PATHS = { card: 'cardDetails.cardToken', cvv: 'cardDetails.cvvToken' } as const;
