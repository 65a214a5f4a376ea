import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MerchantError } from '../errors/merchant-error.js';

/** The largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Hono's body limit, answered with the merchant envelope: 413 `payload_too_large` when
 * Content-Length claims more than {@link MAX_BODY_BYTES}, or, without Content-Length, as soon as
 * the bytes read pass it. Mounted for every route, so no handler can read an unbounded body.
 */
export function requestBodyLimit(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new MerchantError(
        'payload_too_large',
        `The request body must not be larger than ${maxBytes} bytes.`,
      );
    },
  });
  return async (c, next) => {
    // A GET or HEAD has no body; asking for it would build a full Request, kept while an event stream is open.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    try {
      return await limit(c, next);
    } catch (error) {
      // Hono answers what later handlers throw at their own level, so what reaches here came from
      // reading a body without Content-Length: the client's upload broke off.
      if (error instanceof MerchantError) throw error;
      throw incompleteBody();
    }
  };
}

/** A body that did not arrive whole (the connection dropped mid-upload): the client's fault, a 400. */
export const incompleteBody = (): MerchantError =>
  new MerchantError('invalid_json', 'The request body did not arrive whole.');
