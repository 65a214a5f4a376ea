import {
  type FieldIssue,
  MERCHANT_ERROR_CODES,
  type MerchantErrorCode,
  type MerchantErrorType,
} from '@smartpay/contract';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The HTTP status each merchant error code is answered with. */
export const MERCHANT_ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  flow_not_allowed: 400,
  card_rejected: 422,
  not_found: 404,
  idempotency_key_missing: 400,
  idempotency_key_invalid: 400,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  invalid_client_secret: 401,
  invalid_direct_attempt: 401,
  invalid_api_key: 401,
  api_not_configured: 401,
  browser_not_allowed: 403,
  rate_limited: 429,
  provider_unavailable: 503,
  provider_timeout: 504,
  provider_outcome_unknown: 502,
  provider_rejected: 502,
  provider_misconfigured: 502,
  internal_error: 500,
} as const satisfies Record<MerchantErrorCode, ContentfulStatusCode>;

export interface MerchantErrorOptions {
  /** Every field problem, for validation_failed. */
  fields?: readonly Pick<FieldIssue, 'path' | 'message'>[];
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * A failure the merchant API answers with its error envelope. Route code throws it; the one
 * error handler renders it. The message is for developers and never holds request data.
 */
export class MerchantError extends Error {
  override readonly name = 'MerchantError';
  readonly code: MerchantErrorCode;
  readonly type: MerchantErrorType;
  readonly status: ContentfulStatusCode;
  readonly fields: MerchantErrorOptions['fields'];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: MerchantErrorCode, message: string, options: MerchantErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.type = MERCHANT_ERROR_CODES[code];
    this.status = MERCHANT_ERROR_STATUS[code];
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
