/**
 * @module
 * `?limit=` and `?cursor=` of the `/v1` lists. A cursor is opaque to clients: base64url JSON of
 * where the last page stopped.
 */
import { V1_PAGE_LIMIT } from '@smartpay/contract';
import type { Context } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';

export interface PageQuery<Cursor> {
  readonly limit: number;
  readonly after: Cursor | undefined;
}

const invalid = (path: string, message: string) =>
  new MerchantError('validation_failed', `${path} ${message}`, { fields: [{ path, message }] });

export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Reads `limit` (1 to 100, default 20) and `cursor`, checked with `isCursor`; 400 naming the field otherwise. */
export function readPageQuery<Cursor>(
  c: Context,
  isCursor: (value: unknown) => value is Cursor,
): PageQuery<Cursor> {
  const limitText = c.req.query('limit');
  let limit: number = V1_PAGE_LIMIT.default;
  if (limitText !== undefined) {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > V1_PAGE_LIMIT.max) {
      throw invalid('limit', `must be a whole number from 1 to ${V1_PAGE_LIMIT.max}`);
    }
    limit = Number(limitText);
  }
  const cursorText = c.req.query('cursor');
  if (cursorText === undefined) return { limit, after: undefined };
  let decoded: unknown;
  try {
    if (cursorText.length > 500) throw new Error('too long');
    decoded = JSON.parse(Buffer.from(cursorText, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!isCursor(decoded)) throw invalid('cursor', 'is not a cursor this API gave (use the last page’s next)');
  return { limit, after: decoded };
}
