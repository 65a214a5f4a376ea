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
  token: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}`,
  events: (tokenId: string) => `/api/network-tokens/${encodeURIComponent(tokenId)}/events`,
} as const;
