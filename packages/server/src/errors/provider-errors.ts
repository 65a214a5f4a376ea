/**
 * @module
 * The translation of SmartPay failures into merchant errors. SmartPay's words, codes and trace
 * ids stay on the server; the browser learns only what it can act on.
 */
import { TOKEN_REQUEST_SPEC } from '@smartpay/contract';
import {
  SmartPayAuthenticationError,
  SmartPayConnectionError,
  type SmartPayError,
  SmartPayInvalidRequestError,
  SmartPayMalformedResponseError,
  SmartPayNotFoundError,
  SmartPayOAuthError,
  SmartPayPermissionError,
  SmartPayTimeoutError,
} from '../smartpay/errors.js';
import { MerchantError } from './merchant-error.js';

/** Statuses after which SmartPay has certainly not created anything. */
const NOT_CREATED_STATUSES = new Set([400, 401, 403, 404, 429, 503]);

/**
 * True when a failed create may still have created a token: it left this process and no answer
 * proved otherwise (reset after sending, timeout, 500/502/504, an unreadable 2xx).
 */
export function mayHaveCreated(error: SmartPayError): boolean {
  if (error instanceof SmartPayOAuthError) return false; // no access token: the create never left
  if (error instanceof SmartPayConnectionError) return error.requestSent;
  if (error instanceof SmartPayTimeoutError || error instanceof SmartPayMalformedResponseError) return true;
  return !NOT_CREATED_STATUSES.has(error.statusCode ?? 0);
}

/** The card fields a shopper's direct create can get wrong, as SmartPay names them. */
const CARD_FIELDS = new Set([
  'cardDetails',
  ...Object.keys(TOKEN_REQUEST_SPEC.sections.cardDetails.fields).map((field) => `cardDetails.${field}`),
]);

/** Everything else a SmartPay 400 can name: the body, its fields and the headers the server sends. */
const OUR_FIELDS = new Set([
  'body',
  'Content-Type',
  'Accept-Language',
  'Origin',
  'User-Agent',
  'Authorization',
  ...Object.keys(TOKEN_REQUEST_SPEC.fields),
  ...Object.entries(TOKEN_REQUEST_SPEC.sections).flatMap(([section, { fields }]) => [
    section,
    ...Object.keys(fields).map((field) => `${section}.${field}`),
  ]),
]);

/**
 * The card fields SmartPay refused in a direct create ([] when it named none), or undefined when
 * its 400 names anything the server itself built (the body was validated, so that is our bug,
 * not the shopper's). Words SmartPay starts a sentence with that are no field are ignored.
 */
export function refusedCardFields(error: SmartPayInvalidRequestError): string[] | undefined {
  if (error.operation !== 'createToken' || error.integrationFlow !== 'direct') return undefined;
  const named = error.fields.filter((field) => CARD_FIELDS.has(field) || OUR_FIELDS.has(field));
  return named.every((field) => CARD_FIELDS.has(field)) ? named : undefined;
}

const seconds = (ms: number | undefined) =>
  ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));

/** The merchant error for a SmartPay failure; the SmartPay error stays attached as `cause`. */
export function fromSmartPayError(error: SmartPayError): MerchantError {
  const cause = { cause: error };
  if (error.operation === 'createToken' && mayHaveCreated(error)) {
    return new MerchantError(
      'provider_outcome_unknown',
      'SmartPay may or may not have created the token. Retrying with the same Idempotency-Key repeats this answer; a new key starts a new token.',
      cause,
    );
  }
  if (error instanceof SmartPayNotFoundError) {
    return new MerchantError('not_found', 'No such network token.', cause);
  }
  if (error instanceof SmartPayInvalidRequestError) {
    const cardFields = refusedCardFields(error);
    if (cardFields) {
      const fields = cardFields.map((path) => ({ path, message: `${path} was refused by SmartPay` }));
      return new MerchantError(
        'card_rejected',
        'SmartPay refused the card details (an unknown card token, a brand that does not match the card, or an expired card); correct them and try again with a new Idempotency-Key.',
        { ...cause, ...(fields.length > 0 ? { fields } : {}) },
      );
    }
    return new MerchantError('provider_rejected', 'SmartPay refused the request.', cause);
  }
  if (error instanceof SmartPayOAuthError && error.retryable) {
    const retryAfterSeconds = seconds(error.retryAfterMs);
    return new MerchantError('provider_unavailable', 'SmartPay is unavailable; try again shortly.', {
      ...cause,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }
  if (
    error instanceof SmartPayAuthenticationError ||
    error instanceof SmartPayPermissionError ||
    error instanceof SmartPayOAuthError
  ) {
    return new MerchantError(
      'provider_misconfigured',
      'The merchant server is not set up correctly for SmartPay.',
      cause,
    );
  }
  if (error instanceof SmartPayTimeoutError) {
    return new MerchantError('provider_timeout', 'SmartPay did not answer in time.', cause);
  }
  const retryAfterSeconds = seconds(error.retryAfterMs);
  return new MerchantError('provider_unavailable', 'SmartPay is unavailable; try again shortly.', {
    ...cause,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}
