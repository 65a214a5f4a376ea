import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MerchantError } from '../errors/merchant-error.js';

/** The largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 32 * 1024;

/** A whole decimal Content-Length, as Node's HTTP parser accepts it (it refuses a body of any other length). */
const DECIMAL = /^\d+$/;

/**
 * 413 `payload_too_large` when Content-Length claims more than {@link MAX_BODY_BYTES}, or, without
 * Content-Length, as soon as the bytes read pass it (Hono's body limit, answered with the merchant
 * envelope). Mounted for every route, so no handler can read an unbounded body.
 *
 * A GET or HEAD has no body, and a body with a plain Content-Length is checked from the header
 * alone: Hono's limit would look at `c.req.raw.body` first, which makes @hono/node-server build a
 * whole web Request and stream for every request and gives up its direct body read.
 */
export function requestBodyLimit(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const tooLarge = () =>
    new MerchantError('payload_too_large', `The request body must not be larger than ${maxBytes} bytes.`);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && DECIMAL.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxBytes) throw tooLarge();
      return next();
    }
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
