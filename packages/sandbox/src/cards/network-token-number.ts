import { randomInt } from 'node:crypto';
import { passesLuhn } from '@smartpay/contract/core';
import type { Brand } from './brand.js';

/** Token numbers come from their own ranges, so a token never equals the card it stands for. */
const TOKEN_PREFIXES: Record<Brand, string> = { VISA: '489537', MASTERCARD: '522198' };
const TOKEN_LENGTH = 16;

/** The digit that makes `partial` + digit pass the Luhn check. */
function luhnCheckDigit(partial: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (passesLuhn(`${partial}${digit}`)) return String(digit);
  }
  throw new Error('unreachable: one of ten digits always completes a Luhn checksum');
}

/** A random, Luhn-valid network token number (DPAN) of the card's brand. */
export function networkTokenNumber(brand: Brand): string {
  let partial = TOKEN_PREFIXES[brand];
  while (partial.length < TOKEN_LENGTH - 1) partial += String(randomInt(10));
  return partial + luhnCheckDigit(partial);
}
