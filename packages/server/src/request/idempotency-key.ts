import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@smartpay/contract';
import type { Context } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';

/** The request's Idempotency-Key; a 400 when it is missing or not a usable key. */
export function requireIdempotencyKey(c: Context): string {
  const idempotencyKey = c.req.header(IDEMPOTENCY_HEADER);
  if (!idempotencyKey) {
    throw new MerchantError(
      'idempotency_key_missing',
      `Send an ${IDEMPOTENCY_HEADER} header (e.g. a random UUID).`,
    );
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new MerchantError(
      'idempotency_key_invalid',
      `The ${IDEMPOTENCY_HEADER} header must match ${IDEMPOTENCY_KEY_PATTERN} (a random UUID does).`,
    );
  }
  return idempotencyKey;
}
