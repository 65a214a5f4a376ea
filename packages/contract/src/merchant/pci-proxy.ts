/**
 * @module
 * The direct flow's way through SmartPay's PCI proxy. A module of its own: the widget's card fields
 * (a chunk of their own) use DIRECT_CARD_PATHS, and the widget's main file, which imports the other
 * protocol constants, does not carry it.
 */

/**
 * The headers of SmartPay's PCI proxy (`POST {proxy}/forwarding/tokenize`): where to forward, the
 * Authorization to forward with, and the JSON paths whose card number and CVV it replaces with
 * permanent tokens. SmartPay documents the first three; the CVV path header is inferred.
 */
export const PCI_PROXY_HEADERS = {
  url: 'X-Pcp-Url',
  authorization: 'X-Pcp-Authorization',
  cardPath: 'X-Pcp-Cc-Path',
  cvvPath: 'X-Pcp-Cvv-Path',
} as const;

/** Where a direct create carries the card number and CVV on its way to the PCI proxy. */
export const DIRECT_CARD_PATHS = { card: 'cardDetails.cardToken', cvv: 'cardDetails.cvvToken' } as const;
