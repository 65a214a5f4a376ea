/**
 * @module
 * Registers `<smartpay-network-token>`. Safe to load twice (pages do): when the tag is already
 * taken, it warns and leaves the first definition in place instead of throwing. Does nothing where
 * there is no custom-element registry (a server).
 */
import { SmartpayNetworkToken } from './smartpay-network-token.js';

export const TAG_NAME = 'smartpay-network-token';

const registry = globalThis.customElements as CustomElementRegistry | undefined;
const existing = registry?.get(TAG_NAME) as (CustomElementConstructor & { version?: string }) | undefined;
if (!existing) {
  registry?.define(TAG_NAME, SmartpayNetworkToken);
} else if (existing !== SmartpayNetworkToken) {
  console.warn(
    `<${TAG_NAME}> is already defined (version ${existing.version ?? 'unknown'}); ` +
      `this copy (version ${SmartpayNetworkToken.version}) is not used. Load the widget once per page.`,
  );
}

export { SmartpayNetworkToken };
