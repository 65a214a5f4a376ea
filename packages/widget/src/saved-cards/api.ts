import type { SavedCardList } from '@smartpay/contract';
import { SAVED_CARDS_PATHS } from '@smartpay/contract/core';
import { ApiError, retrying, send, url } from '../internal/api.js';
import type { SavedCard } from './types.js';

/**
 * The saved-cards half of the merchant API. Like every request of `<smartpay-network-token>`,
 * these use the browser's default credentials mode (`same-origin`): the session cookie that
 * decides whose cards these are goes with requests to the page's own origin.
 */
export const savedCardsApi = {
  /** The session's saved cards, newest first; retried while the failure is transient. */
  list: async (endpoint: string, signal: AbortSignal): Promise<SavedCard[]> => {
    const { data } = await retrying(
      () => send<SavedCardList>(url(endpoint, SAVED_CARDS_PATHS.savedCards), {}, signal),
      signal,
    );
    if (!Array.isArray(data)) throw new ApiError('internal_error');
    // Read liberally: entries without a card are not shown.
    return data.filter((entry) => entry?.tokenId && entry.card);
  },

  /** Removes one; 204 resolves, anything else throws an ApiError (404: not the session's, or gone). */
  remove: (endpoint: string, tokenId: string, signal: AbortSignal): Promise<void> =>
    send<void>(url(endpoint, SAVED_CARDS_PATHS.savedCard(tokenId)), { method: 'DELETE' }, signal),
};
