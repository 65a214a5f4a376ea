/**
 * @module
 * The one place that turns a failure into the merchant error envelope
 * `{error: {type, code, message, fields?, requestId}}`.
 */
import type { MerchantErrorBody } from '@smartpay/contract';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../middleware/request-context.js';
import { SmartPayError } from '../smartpay/errors.js';
import { MerchantError } from './merchant-error.js';
import { fromSmartPayError } from './provider-errors.js';

/** The envelope of a merchant error: the body of an error answer, and the data of an `error` event. */
export function errorBody(error: MerchantError, requestId: string): MerchantErrorBody {
  return {
    error: {
      type: error.type,
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      requestId,
    },
  };
}

/** Renders a merchant error as the envelope, with `Retry-After` when it has one. */
export function errorResponse(c: Context<AppEnv>, error: MerchantError): Response {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  return c.json(errorBody(error, c.get('requestId')), error.status);
}

/**
 * Hono's own exceptions (requests its parts refuse) by status. A 400 comes from reading the body;
 * a 4xx with no code of its own is a refused request, never called a JSON problem.
 */
function fromHttpException(error: HTTPException): MerchantError {
  switch (error.status) {
    case 400:
      return new MerchantError('invalid_json', 'The request could not be read.');
    case 404:
      return new MerchantError('not_found', 'Not found.');
    case 413:
      return new MerchantError('payload_too_large', 'The request body is too large.');
    case 415:
      return new MerchantError('unsupported_media_type', 'Unsupported media type.');
    case 429:
      return new MerchantError('rate_limited', 'Too many requests; slow down.');
  }
  if (error.status < 500) {
    return new MerchantError('validation_failed', `The request was refused (HTTP ${error.status}).`);
  }
  return new MerchantError('internal_error', 'Something went wrong on the merchant server.');
}

/** The app's `onError`: every thrown thing becomes the envelope; unknown ones are logged and become 500. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  const logger = c.get('logger');
  let merchant: MerchantError;
  if (error instanceof MerchantError) merchant = error;
  else if (error instanceof SmartPayError) merchant = fromSmartPayError(error);
  else if (error instanceof HTTPException) merchant = fromHttpException(error);
  else {
    // The message may hold anything; the stack's frames are code locations only.
    logger.error('error.unexpected', {
      error: error.name,
      at: error.stack?.split('\n').slice(1, 4).join(' | ').trim(),
    });
    merchant = new MerchantError('internal_error', 'Something went wrong on the merchant server.');
  }
  const upstream = merchant.cause instanceof SmartPayError ? merchant.cause : undefined;
  if (upstream) {
    logger.warn('smartpay.failed', {
      code: merchant.code,
      error: upstream.name,
      status: upstream.statusCode,
      traceId: upstream.traceId,
      upstreamCode: upstream.upstreamCode,
      // SmartPay's sentences say which rule the request broke: what a developer needs to fix a 400.
      ...(merchant.code === 'provider_rejected' || merchant.code === 'card_rejected'
        ? { upstreamMessages: upstream.messages.join(' | ').slice(0, 1000) }
        : {}),
    });
  }
  return errorResponse(c, merchant);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, new MerchantError('not_found', 'Not found.'));
