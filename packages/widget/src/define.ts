/**
 * @module
 * Registers `<smartpay-network-token>`. Safe to load twice (pages do): when the tag is already
 * taken by another copy, it warns and leaves the first definition in place instead of throwing.
 * Does nothing where there is no custom-element registry (a server).
 */
import { defineOnce } from './internal/define-once.js';
import { SmartpayNetworkToken } from './smartpay-network-token.js';

export const TAG_NAME = 'smartpay-network-token';

/** Defines the tag once; a second copy of the widget (another version, another bundle) only warns. */
export function define(element: typeof SmartpayNetworkToken = SmartpayNetworkToken): void {
  defineOnce(TAG_NAME, element);
}

define();

// The event types come with the tag: `addEventListener('smartpay-token-active', …)` is typed after
// importing this module alone.
export type * from './events/index.js';
export { SmartpayNetworkToken };
