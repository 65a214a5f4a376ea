import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../middleware/request-context.js';
import { type PageSources, pageSecurityHeaders } from '../middleware/security-headers.js';

/** Any path segment starting with a dot (`.env`, `.git`, `..`): never served. */
const HIDDEN_SEGMENT = /(^|\/)\./;

/**
 * Serves a built site (the demo) from `root`: GET and HEAD only, `index.html` for directories,
 * content types by extension, no dot-files and no way out of `root` (encoded `..` included),
 * under a Content-Security-Policy that allows SmartPay's SDK, hosted form and PCI proxy.
 */
export function staticSite(root: string, sources: PageSources): Hono<AppEnv> {
  const site = new Hono<AppEnv>();
  const serve = serveStatic({ root });
  site.use('*', pageSecurityHeaders(sources));
  site.on(['GET', 'HEAD'], '*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (HIDDEN_SEGMENT.test(path) || path.includes('\\') || path.includes('\0')) return next();
    const response = await serve(c, next);
    if (response instanceof Response && response.ok) {
      // Vite puts content-hashed files under /assets/: they never change.
      const immutable = path.startsWith('/assets/');
      response.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    return response;
  });
  return site;
}
