/**
 * @module
 * Registers `<smartpay-saved-cards>`. Safe to load twice: when the tag is already taken by another
 * copy, it warns and keeps the first definition. Does nothing where there is no custom-element
 * registry (a server).
 */
import { defineOnce } from '../internal/define-once.js';
import { SmartpaySavedCards } from './smartpay-saved-cards.js';

export const TAG_NAME = 'smartpay-saved-cards';

defineOnce(TAG_NAME, SmartpaySavedCards);

// The event's type comes with the tag: `addEventListener('smartpay-card-removed', …)` is typed
// after importing this module alone.
export type * from './card-removed-event.js';
export { SmartpaySavedCards };
