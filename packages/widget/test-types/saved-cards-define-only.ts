/**
 * Compile-time check against the built typings, as an app sees them: importing only
 * `@smartpay/widget/saved-cards/define` types the tag, its `refresh()` and its event.
 */
import '@smartpay/widget/saved-cards/define';
import type { SavedCard, SmartpaySavedCards } from '@smartpay/widget/saved-cards';

const list = document.querySelector('smartpay-saved-cards')!;
list.addEventListener('smartpay-card-removed', (event) => event.detail.card.last4.padStart(4));
document.addEventListener('smartpay-card-removed', (event) => event.detail.tokenId);
export const refreshed: Promise<void> = list.refresh();
export const element: SmartpaySavedCards = list;
export const shape: SavedCard['card']['expiryYear'] = '2030';

// @ts-expect-error: the event carries the public card only
list.addEventListener('smartpay-card-removed', (event) => event.detail.card.tokenNumber);
