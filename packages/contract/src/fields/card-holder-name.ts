/**
 * The cardholder's name: the one card field the shopper types into the widget and the widget sends
 * as it is (the others reach SmartPay as PCI proxy tokens). A module of its own, so that the
 * widget's main file imports it without the card table, whose token formats come with the Luhn
 * check (rules/card-number.ts) that only the widget's card fields need.
 */
export const CARD_HOLDER_NAME_RULE = { max: 64 } as const;
