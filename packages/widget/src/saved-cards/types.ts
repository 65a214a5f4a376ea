import type { PublicCard } from '../types.js';

/** One of the shopper's saved cards (`GET /api/saved-cards`): an ACTIVE token, public view. */
export interface SavedCard {
  tokenId: string;
  card: PublicCard;
  createdAt: string;
}
