import type { Context } from 'hono';

/**
 * The address of the connected peer when the app runs on @hono/node-server (its `incoming`
 * binding), or `unknown` elsewhere. Behind a reverse proxy this is the proxy: pass your own
 * `clientKey` then (e.g. from the header your proxy sets).
 */
export function peerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
