/**
 * A card brand as shoppers read it (`VISA` → `Visa`); an unknown brand as it came. A module of its
 * own so that an element can show a saved card without loading the card-entry code.
 */
export const brandName = (brand: string): string =>
  brand === 'VISA' ? 'Visa' : brand === 'MASTERCARD' ? 'Mastercard' : brand;
