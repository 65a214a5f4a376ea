import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * What Hono's `secureHeaders` sets on JSON and event streams with these options (a test holds the
 * two equal), plus no caching: nothing may load or frame them, and nothing caches them.
 */
export const API_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cache-Control', 'no-store'],
];

/** The `secureHeaders` options {@link API_SECURITY_HEADERS} stands for. */
export const API_SECURE_HEADERS_OPTIONS: Readonly<SecureHeadersOptions> = {
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
};

const setAll = (c: Context) => {
  for (const [name, value] of API_SECURITY_HEADERS) c.res.headers.set(name, value);
};

/**
 * JSON and event streams: nothing may load or frame them, and nothing caches them. The headers
 * are set before the handler runs, so the answer it builds with `c.json`/`c.body` carries them
 * at once; setting them afterwards (as Hono's `secureHeaders` does) makes Hono copy the answer
 * into a new web Response for every header call. An answer built some other way gets them after.
 */
export function apiSecurityHeaders(): MiddlewareHandler {
  const marker = 'X-Content-Type-Options';
  return async function apiHeaders(c, next) {
    for (const [name, value] of API_SECURITY_HEADERS) c.header(name, value);
    await next();
    if (!c.res.headers.has(marker)) setAll(c);
    c.res.headers.delete('X-Powered-By');
  };
}

/** Where the checkout page may load things from, besides itself. */
export interface PageSources {
  /** SmartPay's SDK script; its origin also serves the hosted card form frame. */
  sdkUrl: string;
  /** SmartPay's PCI proxy (`…/forwarding/tokenize`), which direct creates are sent through. */
  pciProxyUrl: string;
}

/**
 * The static demo: scripts only from here and SmartPay's SDK origin, frames only from SmartPay,
 * fetches only to here and the PCI proxy; no plugins, no inline scripts, no inline styles (the
 * widget and the SDK style through CSSOM and constructable stylesheets, which CSP allows).
 */
export function pageSecurityHeaders(sources: PageSources): MiddlewareHandler {
  const sdkOrigin = new URL(sources.sdkUrl).origin;
  const proxyOrigin = new URL(sources.pciProxyUrl).origin;
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", sdkOrigin],
      frameSrc: [sdkOrigin],
      connectSrc: [...new Set(["'self'", proxyOrigin, sdkOrigin])],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
  });
}
