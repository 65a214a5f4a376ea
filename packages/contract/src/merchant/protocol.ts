/** The header that makes POST /api/network-tokens safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 8 to 255 visible ASCII characters: long enough to be unique, short enough to store. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** The server-sent event name of each status message on …/events. */
export const STATUS_EVENT = 'status';

/** The paths `<smartpay-network-token>` calls, relative to its `endpoint`. */
export const NETWORK_TOKEN_PATHS = {
  config: '/api/config',
  tokens: '/api/network-tokens',
  /** POST: a short-lived credential for one direct create sent through SmartPay's PCI proxy. */
  directAttempts: '/api/network-tokens/direct-attempts',
  token: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}`,
  events: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}/events`,
  /** POST (client secret): SmartPay's form accepted the card; the server reads fast from now on. 202. */
  cardSubmitted: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}/card-submitted`,
} as const;

/** The paths `<smartpay-saved-cards>` calls, relative to its `endpoint`. */
export const SAVED_CARDS_PATHS = {
  /** GET: the saved cards of the current session's account (public view only). */
  savedCards: '/api/saved-cards',
  /** DELETE: removes one of the current session's saved cards; 204, or 404 when it is not theirs. */
  savedCard: (tokenId: string) => `/api/saved-cards/${encodeURIComponent(tokenId)}`,
} as const;

/**
 * The merchant API paths, relative to the widget's `endpoint`: both elements'. Each element imports
 * only its own, so neither CDN file carries the other's (`@__PURE__`: nor this union, which an
 * object spread would keep).
 */
export const MERCHANT_PATHS: typeof NETWORK_TOKEN_PATHS & typeof SAVED_CARDS_PATHS =
  /* @__PURE__ */ Object.assign({}, NETWORK_TOKEN_PATHS, SAVED_CARDS_PATHS);
