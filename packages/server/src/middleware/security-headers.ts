import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** JSON and event streams: nothing may load or frame them, and nothing caches them. */
export function apiSecurityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
  });
  return async function apiHeaders(c, next) {
    await headers(c, next);
    c.header('Cache-Control', 'no-store');
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
