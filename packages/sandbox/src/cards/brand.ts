/** The card brands SmartPay tokenizes. Spelt as in the API page's tokenizedCardData example. */
export const SUPPORTED_BRANDS = ['VISA', 'MASTERCARD'] as const;
export type Brand = (typeof SUPPORTED_BRANDS)[number];

/** How each brand is shown to a shopper. */
export const BRAND_NAMES: Record<Brand, string> = { VISA: 'Visa', MASTERCARD: 'Mastercard' };

/** Card number lengths each brand issues. */
export const BRAND_LENGTHS: Record<Brand, readonly number[]> = { VISA: [13, 16, 19], MASTERCARD: [16] };

/** Mastercard's ranges of 4-digit prefixes: 51–55 and the 2-series 2221–2720. */
const MASTERCARD_RANGES: readonly (readonly [number, number])[] = [
  [5100, 5599],
  [2221, 2720],
];

/** True when some number starting with `digits` has a 4-digit prefix within [low, high]. */
function canReach(digits: string, [low, high]: readonly [number, number]): boolean {
  const head = digits.slice(0, 4);
  return Number(head.padEnd(4, '9')) >= low && Number(head.padEnd(4, '0')) <= high;
}

/**
 * The brand of a card number, from its first digits; undefined when it is not Visa or Mastercard,
 * or when too few digits are typed to tell.
 */
export function detectBrand(digits: string): Brand | undefined {
  if (digits.startsWith('4')) return 'VISA';
  if (digits.length >= 4 && MASTERCARD_RANGES.some((range) => canReach(digits, range))) return 'MASTERCARD';
  if (/^5[1-5]/.test(digits)) return 'MASTERCARD';
  return undefined;
}

/** True when the first digits already rule out Visa and Mastercard, so the form can say so early. */
export function isOtherBrand(digits: string): boolean {
  if (digits.length === 0 || digits.startsWith('4')) return false;
  return !MASTERCARD_RANGES.some((range) => canReach(digits, range));
}
