/**
 * @module
 * Who may call `/v1`: the merchant's backend, with `Authorization: Bearer <MERCHANT_API_KEY>`.
 * A request with an Origin header comes from a browser and is refused before the key is looked
 * at, and no CORS header is ever sent, so no web page can read an answer. Without a configured
 * key the API is off (never open).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';
import type { AppEnv } from '../middleware/request-context.js';
import { bearerCredentials } from '../tokens/client-secret.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function requireMerchantApiKey(apiKey: string | undefined): MiddlewareHandler<AppEnv> {
  // Compared as digests: equal lengths, so the comparison takes the same time whatever is sent.
  const expected = apiKey ? digest(apiKey) : undefined;
  return async function merchantApiKey(c, next) {
    if (c.req.header('origin') !== undefined) {
      throw new MerchantError(
        'browser_not_allowed',
        'The /v1 API is for your backend only: requests from browsers (with an Origin header) are refused.',
      );
    }
    if (!expected) {
      throw new MerchantError(
        'api_not_configured',
        'The /v1 API is off: set MERCHANT_API_KEY on the server to turn it on.',
      );
    }
    const given = bearerCredentials(c.req.header('authorization'));
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new MerchantError(
        'invalid_api_key',
        'Send the merchant API key as "Authorization: Bearer <MERCHANT_API_KEY>".',
      );
    }
    await next();
  };
}
