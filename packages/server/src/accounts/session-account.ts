/**
 * @module
 * The default `accountReferenceId`: a random UUID per shopper session, kept in a signed, HttpOnly,
 * SameSite=Lax session cookie. It is not a customer account: it only lets SmartPay group the
 * tokens one browser session creates. Shops with logged-in customers should pass their own
 * `resolveAccount` that maps the customer to a stable UUID.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

/** Returns the accountReferenceId (a UUID) for the shopper behind a request. */
export type ResolveAccount = (c: Context) => string | Promise<string>;

export const SESSION_COOKIE = 'smartpay_session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A resolver that reads (or starts) the session cookie, signed (HMAC-SHA256, `<uuid>.<base64 signature>`)
 * with `key` by Hono's signed-cookie helper, which verifies in constant time.
 */
export function sessionAccount(key: Buffer, cookieName = SESSION_COOKIE): ResolveAccount {
  return async function resolveSessionAccount(c) {
    const id = await getSignedCookie(c, key, cookieName);
    if (typeof id === 'string' && UUID.test(id)) return id;
    const fresh = randomUUID();
    await setSignedCookie(c, cookieName, fresh, key, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return fresh;
  };
}
