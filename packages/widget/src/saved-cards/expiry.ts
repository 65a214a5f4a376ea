import type { PublicCard } from '../types.js';

/** The month and two-digit year, as printed on the card (`12`, `2030` → `12`, `30`). */
export const printedExpiry = (card: PublicCard): { month: string; year: string } => ({
  month: card.expiryMonth.padStart(2, '0'),
  year: card.expiryYear.slice(-2),
});

/** True once the card's expiry month is over: a card that expires 12/30 is good until 31 December 2030. */
export function isExpired(card: PublicCard, now = new Date()): boolean {
  const year = Number(card.expiryYear.length === 2 ? `20${card.expiryYear}` : card.expiryYear);
  return year * 12 + Number(card.expiryMonth) < now.getFullYear() * 12 + now.getMonth() + 1;
}
