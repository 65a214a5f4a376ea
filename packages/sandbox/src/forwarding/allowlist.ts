/**
 * Where the PCI proxy may forward to. SmartPay's real proxy forwards only to targets it knows;
 * the sandbox takes a list of URL prefixes (an origin, or an origin and a path), and by default
 * any port on this machine, since it is a local tool.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when `target` may be forwarded to: an http(s) URL without credentials that the list allows. */
export type ForwardingAllowlist = (target: URL) => boolean;

/** Any http(s) port on this machine: the default, for a sandbox next to a local merchant server. */
export const LOOPBACK_ONLY: ForwardingAllowlist = (target) => LOOPBACK_HOSTS.has(target.hostname);

/**
 * An allowlist of URL prefixes: `https://shop.example` allows every path there,
 * `https://shop.example/api/network-tokens` only that path and below. Throws on an entry that is
 * not an http(s) URL.
 */
export function allowlistOf(entries: readonly string[]): ForwardingAllowlist {
  const prefixes = entries.map((entry) => {
    const url = new URL(entry);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`forwarding allowlist entries must be http(s) URLs, got ${entry}`);
    }
    return { origin: url.origin, path: url.pathname.replace(/\/+$/, '') };
  });
  return (target) =>
    prefixes.some(
      ({ origin, path }) =>
        target.origin === origin &&
        (target.pathname === path || target.pathname.startsWith(`${path}/`) || path === ''),
    );
}

/** The target of `X-Pcp-Url` when it is one the proxy may forward to, else the reason it is not. */
export function forwardingTarget(
  header: string | undefined,
  allowed: ForwardingAllowlist,
): { url: URL } | { problem: 'missing' | 'invalid' | 'not_allowed' } {
  if (!header?.trim()) return { problem: 'missing' };
  let url: URL;
  try {
    url = new URL(header.trim());
  } catch {
    return { problem: 'invalid' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    return { problem: 'invalid' };
  }
  return allowed(url) ? { url } : { problem: 'not_allowed' };
}
