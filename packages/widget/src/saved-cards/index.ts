/**
 * @module
 * `<smartpay-saved-cards>` without registering it: the class, its event and types. Importing this
 * has no side effects (safe under SSR); import `@smartpay/widget/saved-cards/define` to register the tag.
 */
export { type SmartpayCardRemovedDetail, SmartpayCardRemovedEvent } from './card-removed-event.js';
export type { SavedCardsMessages } from './i18n.js';
export { SmartpaySavedCards } from './smartpay-saved-cards.js';
export type { SavedCard } from './types.js';
