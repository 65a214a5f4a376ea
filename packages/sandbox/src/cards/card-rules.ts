import { CARD_DETAILS_FIELDS, checkLeaf, passesLuhn } from '@smartpay/contract/core';
import { BRAND_LENGTHS, type Brand, detectBrand, isOtherBrand } from './brand.js';

/**
 * The checks on what a shopper types into the hosted card form. Shared by the form (which refuses
 * a bad card before anything is sent) and the sandbox (which checks again, as a server must).
 */
export type CardProblem =
  | 'required'
  | 'too_long'
  | 'control_characters'
  | 'invalid_characters'
  | 'incomplete'
  | 'unsupported_brand'
  | 'failed_luhn'
  | 'invalid_expiry'
  | 'expired'
  | 'invalid_cvc';

/** The card number without the spaces and dashes people type. */
export function cardDigits(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** The first problem of a card number, or undefined when it is a Luhn-valid Visa or Mastercard. */
export function cardNumberProblem(text: string): CardProblem | undefined {
  const digits = cardDigits(text);
  if (digits === '') return 'required';
  if (!/^\d+$/.test(digits)) return 'invalid_characters';
  if (isOtherBrand(digits)) return 'unsupported_brand';
  const brand = detectBrand(digits);
  if (!brand || !BRAND_LENGTHS[brand].includes(digits.length)) return 'incomplete';
  return passesLuhn(digits) ? undefined : 'failed_luhn';
}

/** The brand of a card number that has no problem. */
export function brandOf(text: string): Brand | undefined {
  return cardNumberProblem(text) ? undefined : detectBrand(cardDigits(text));
}

export interface Expiry {
  /** Two digits, 01 to 12. */
  readonly month: string;
  /** Two digits, as on the card. */
  readonly year: string;
}

/** Reads "MM/YY", "MM / YYYY", "MMYY" and similar; undefined when it is not a month and a year. */
export function parseExpiry(text: string): Expiry | undefined {
  const match = /^\s*(\d{1,2})\s*[/-]?\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const month = match[1]!.padStart(2, '0');
  if (!/^(0[1-9]|1[0-2])$/.test(month)) return undefined;
  return { month, year: match[2]!.slice(-2) };
}

/** Cards are not issued for longer than this, so a later expiry is a typo. */
const MAX_YEARS_AHEAD = 20;

/** The problem of an expiry date, judged at `now`: a card is valid until the end of its month. */
export function expiryProblem(expiry: Expiry | undefined, now: number): CardProblem | undefined {
  if (!expiry) return 'invalid_expiry';
  const today = new Date(now);
  const thisYear = today.getUTCFullYear();
  const year = Math.floor(thisYear / 100) * 100 + Number(expiry.year);
  const monthIndex = year * 12 + Number(expiry.month) - 1;
  const todayIndex = thisYear * 12 + today.getUTCMonth();
  if (monthIndex < todayIndex) return 'expired';
  return monthIndex > todayIndex + MAX_YEARS_AHEAD * 12 ? 'invalid_expiry' : undefined;
}

/** Visa and Mastercard security codes have three digits. */
export function cvcProblem(cvc: string): CardProblem | undefined {
  if (cvc.trim() === '') return 'required';
  return /^\d{3}$/.test(cvc.trim()) ? undefined : 'invalid_cvc';
}

/** The cardholder name follows cardDetails.cardHolderName of the API page, and the form requires it. */
export function cardHolderNameProblem(name: string): CardProblem | undefined {
  const issue = checkLeaf({ ...CARD_DETAILS_FIELDS.cardHolderName, required: true }, name);
  if (!issue) return undefined;
  return issue.code === 'too_long' || issue.code === 'required' ? issue.code : 'control_characters';
}

/** What the form sends when the shopper submits the card. */
export interface CardEntry {
  readonly cardHolderName: string;
  readonly number: string;
  readonly expiry: string;
  readonly cvc: string;
}

export type CardField = keyof CardEntry;

/** Every problem of a card entry, by field, in form order. */
export function cardEntryProblems(entry: CardEntry, now: number): [CardField, CardProblem][] {
  const problems: [CardField, CardProblem | undefined][] = [
    ['cardHolderName', cardHolderNameProblem(entry.cardHolderName)],
    ['number', cardNumberProblem(entry.number)],
    ['expiry', entry.expiry.trim() === '' ? 'required' : expiryProblem(parseExpiry(entry.expiry), now)],
    ['cvc', cvcProblem(entry.cvc)],
  ];
  return problems.filter((problem): problem is [CardField, CardProblem] => problem[1] !== undefined);
}
