import type { Context } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';

/** The largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 32 * 1024;

const tooLarge = () =>
  new MerchantError('payload_too_large', `The request body must not be larger than ${MAX_BODY_BYTES} bytes.`);

/** True for `application/json` and `application/<something>+json`, with any parameters. */
function isJsonMediaType(header: string | undefined): boolean {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON request body: 415 unless it says JSON, 413 past {@link MAX_BODY_BYTES} (counted on
 * the bytes actually read, whatever Content-Length claims), 400 `invalid_json` when it is empty,
 * not UTF-8 or not JSON. The body is never logged or echoed.
 */
export async function readJsonBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new MerchantError('unsupported_media_type', 'The request body must be application/json.');
  }
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  if (size === 0)
    throw new MerchantError('invalid_json', 'The request body is empty; it must be a JSON object.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new MerchantError('invalid_json', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MerchantError('invalid_json', 'The request body is not valid JSON.');
  }
}
