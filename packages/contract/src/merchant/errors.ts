import type { FieldIssue } from '../rules/issues.js';

/** The kind of failure, a closed set: decides who must act (shopper, merchant, or nobody). */
export const MERCHANT_ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'idempotency_error',
  'rate_limit_error',
  'provider_error',
  'api_error',
] as const;
export type MerchantErrorType = (typeof MERCHANT_ERROR_TYPES)[number];

/** The specific failure. The server only sends these; clients treat unknown codes by their type. */
export const MERCHANT_ERROR_CODES = {
  validation_failed: 'invalid_request_error',
  invalid_json: 'invalid_request_error',
  unsupported_media_type: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  flow_not_allowed: 'invalid_request_error',
  card_rejected: 'invalid_request_error',
  not_found: 'invalid_request_error',
  idempotency_key_missing: 'idempotency_error',
  idempotency_key_invalid: 'idempotency_error',
  idempotency_key_reused: 'idempotency_error',
  idempotency_in_progress: 'idempotency_error',
  invalid_client_secret: 'authentication_error',
  invalid_direct_attempt: 'authentication_error',
  /** /v1: the Authorization header does not carry the merchant API key. */
  invalid_api_key: 'authentication_error',
  /** /v1: MERCHANT_API_KEY is not set, so the server-to-server API is off. */
  api_not_configured: 'authentication_error',
  /** /v1: the request came from a browser (it has an Origin header). */
  browser_not_allowed: 'authentication_error',
  rate_limited: 'rate_limit_error',
  provider_unavailable: 'provider_error',
  provider_timeout: 'provider_error',
  provider_outcome_unknown: 'provider_error',
  provider_rejected: 'provider_error',
  provider_misconfigured: 'provider_error',
  internal_error: 'api_error',
} as const satisfies Record<string, MerchantErrorType>;
export type MerchantErrorCode = keyof typeof MERCHANT_ERROR_CODES;

/** Every non-2xx body of the merchant API. */
export interface MerchantErrorBody {
  readonly error: {
    readonly type: MerchantErrorType;
    readonly code: MerchantErrorCode;
    /** A sentence for the developer; the widget shows its own words to the shopper. */
    readonly message: string;
    /** Every field problem, for validation_failed. */
    readonly fields?: readonly Pick<FieldIssue, 'path' | 'message'>[];
    /** Also in the X-Request-Id header and in every log line about the request. */
    readonly requestId: string;
  };
}
