/**
 * @module
 * The default `accountReferenceId`: a random UUID per shopper session, kept in a signed, HttpOnly,
 * SameSite=Lax session cookie. It is not a customer account: it only lets SmartPay group the
 * tokens one browser session creates. Shops with logged-in customers should pass their own
 * `resolveAccount` that maps the customer to a stable UUID.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Returns the accountReferenceId (a UUID) for the shopper behind a request. */
export type ResolveAccount = (c: Context) => string | Promise<string>;

export const SESSION_COOKIE = 'smartpay_session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A resolver that reads (or starts) the session cookie, signed with `key`. */
export function sessionAccount(key: Buffer, cookieName = SESSION_COOKIE): ResolveAccount {
  const sign = (id: string) => createHmac('sha256', key).update(id).digest('base64url');
  const valid = (id: string, signature: string) => {
    const expected = Buffer.from(sign(id));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  return function resolveSessionAccount(c) {
    const [id = '', signature = ''] = (getCookie(c, cookieName) ?? '').split('.');
    if (UUID.test(id) && valid(id, signature)) return id;
    const fresh = randomUUID();
    setCookie(c, cookieName, `${fresh}.${sign(fresh)}`, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return fresh;
  };
}
