import type { Context } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';
import { incompleteBody } from '../middleware/body-limit.js';

/** True for `application/json` and `application/<something>+json`, with any parameters. */
function isJsonMediaType(header: string | undefined): boolean {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON request body: 415 unless it says JSON, 400 `invalid_json` when it is empty, not
 * UTF-8 or not JSON. Its size is bounded before it gets here (`requestBodyLimit`, mounted for every
 * route). The body is never logged or echoed.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new MerchantError('unsupported_media_type', 'The request body must be application/json.');
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } catch {
    throw incompleteBody();
  }
  if (bytes.byteLength === 0)
    throw new MerchantError('invalid_json', 'The request body is empty; it must be a JSON object.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MerchantError('invalid_json', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MerchantError('invalid_json', 'The request body is not valid JSON.');
  }
}
