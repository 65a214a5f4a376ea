import type { NetworkToken, PublicCard, PublicToken } from '@smartpay/contract';

/**
 * The view of a token a browser may see: id, status, time and, once known, brand, last four
 * digits and expiry. Built field by field, so nothing new SmartPay adds can slip through.
 */
export function toPublicToken(token: NetworkToken): PublicToken {
  const view: PublicToken = { tokenId: token.tokenId, status: token.status, updatedAt: token.updatedAt };
  const card = token.tokenizedCardData;
  if (card?.brand && card.last4Digits && card.expiryMonth && card.expiryYear) {
    const publicCard: PublicCard = {
      brand: card.brand,
      last4: card.last4Digits,
      expiryMonth: card.expiryMonth,
      expiryYear: card.expiryYear,
    };
    view.card = publicCard;
  }
  return view;
}
