import { passesLuhn } from '@smartpay/contract/core';
import type { Problem } from './i18n.js';

/** The brands SmartPay saves, as `cardDetails.brand` names them. */
export type CardBrand = 'VISA' | 'MASTERCARD';

/** The brand a card number starts like; `undefined` while too short to say, `null` for other brands. */
export function cardBrand(digits: string): CardBrand | null | undefined {
  if (/^4/.test(digits)) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'MASTERCARD';
  return digits.length > 1 || /^[^25]/.test(digits) ? null : undefined;
}

export const digitsOf = (value: string): string => value.replace(/[\s-]/g, '');

/** Groups of four, as printed on the card. */
export const groupDigits = (digits: string): string => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/**
 * The expiry as the shopper types it, with the "/" put in: `1` → `1`, `4` → `04/`, `12` → `12/`,
 * `1230` → `12/30`, `12/2030` → `12/30`. While `deleting`, the text stays as the shopper left it.
 */
export function formatExpiry(value: string, deleting: boolean): string {
  if (deleting) return value;
  const digits = value
    .replace(/^\s*(\d)\s*\//, '0$1/') // 1/30: month 01
    .replace(/(\/\s*)20(\d\d)\s*$/, '$1$2') // a pasted 12/2030: year 30
    .replace(/\D/g, '')
    .replace(/^([2-9])/, '0$1');
  const month = digits.slice(0, 2);
  return digits.length > 2 ? `${month}/${digits.slice(2, 4)}` : digits.length < 2 ? digits : `${month}/`;
}

/** MM/YY, MMYY, M/YYYY and the like, as a month and a 4-digit year. */
export function parseExpiry(value: string): { month: string; year: string } | undefined {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return undefined;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return undefined;
  return { month: String(month).padStart(2, '0'), year: match[2]!.padStart(4, '20') };
}

/** The problem with the card number, expiry or CVC, or undefined. `now` decides whether the card has expired. */
export function cardProblem(field: string, value: string, now = new Date()): Problem | undefined {
  const text = value.trim();
  if (!text) return { key: 'errRequired' };
  if (field === 'cardNumber') {
    const digits = digitsOf(text);
    if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) return { key: 'errCardNumber' };
    return cardBrand(digits) ? undefined : { key: 'errBrand' };
  }
  if (field === 'expiry') {
    const expiry = parseExpiry(text);
    if (!expiry) return { key: 'errExpiry' };
    const end = Date.UTC(Number(expiry.year), Number(expiry.month));
    // Valid to the end of its month; a day's grace covers every time zone.
    return now.getTime() >= end + 864e5 ? { key: 'errExpired' } : undefined;
  }
  return /^\d{3,4}$/.test(text) ? undefined : { key: 'errCvc' };
}
