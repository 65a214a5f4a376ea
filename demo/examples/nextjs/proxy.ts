/**
 * Runs before every request (Next 16's proxy, formerly middleware):
 * - `/api/*` goes on to the merchant server (MERCHANT_API_URL), so the widget calls its own origin
 *   (no CORS, the session cookie and the status stream included);
 * - every page gets a fresh nonce and a strict Content-Security-Policy. Next reads the policy from
 *   the request and puts the nonce on its own inline scripts; the widget gives it to SmartPay's SDK
 *   script. Pages are rendered per request (a nonce cannot be baked into a static page).
 */
import { type NextRequest, NextResponse } from 'next/server';

/** The merchant server (`npm start` runs it on 8787). */
const merchantApiUrl = () => process.env.MERCHANT_API_URL ?? 'http://localhost:8787';
/** SmartPay's origin: its SDK script, its hosted card form frame and its PCI proxy (the sandbox: 4010). */
const smartpayOrigin = () => new URL(process.env.SMARTPAY_URL ?? 'http://localhost:4010').origin;

function contentSecurityPolicy(nonce: string): string {
  const smartpay = smartpayOrigin();
  // `next dev` evaluates modules and injects its overlay's styles; a production build needs neither.
  const dev = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${smartpay}${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    `frame-src ${smartpay}`,
    `connect-src 'self' ${smartpay}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) {
    return NextResponse.rewrite(new URL(`${pathname}${search}`, merchantApiUrl()));
  }
  const policy = contentSecurityPolicy(
    Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
  );
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Next's hashed static files need no policy of their own.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
