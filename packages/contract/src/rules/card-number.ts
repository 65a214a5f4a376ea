/**
 * @module
 * Card numbers: the Luhn check, and the two card-token formats that refuse a card number. Apart
 * from formats.ts because a bundler places a module in the chunk of every module that imports it:
 * the widget's card fields (a chunk of their own) use passesLuhn, and its main file, which imports
 * the other formats, would otherwise carry it too. formats.ts re-exports the two formats.
 */
import type { FieldFormat } from './formats.js';

/** True when the digits pass the Luhn checksum used by every card number. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when the text holds what could be a card number: 12 to 19 digits passing Luhn. */
export function looksLikeCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(digits) && passesLuhn(digits);
}

/** A card token from SmartPay's PCI proxy: anything but a card number. */
export const cardToken: FieldFormat = (value) =>
  looksLikeCardNumber(value) ? { code: 'card_number' } : undefined;

/** A CVV token from SmartPay's PCI proxy: anything but a CVC. */
export const cvvToken: FieldFormat = (value) =>
  /^\d{3,4}$/.test(value) ? { code: 'card_number', rule: 'must be a CVC token, not a CVC' } : undefined;
