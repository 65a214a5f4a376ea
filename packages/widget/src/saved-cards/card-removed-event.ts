import { SmartpayEvent } from '../events/smartpay-event.js';
import type { PublicCard } from '../types.js';

export interface SmartpayCardRemovedDetail {
  readonly tokenId: string;
  readonly card: PublicCard;
}

/** `<smartpay-saved-cards>` removed a saved card (the merchant server answered 204). */
export class SmartpayCardRemovedEvent extends SmartpayEvent<SmartpayCardRemovedDetail> {
  static override readonly eventName = 'smartpay-card-removed';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartpay-card-removed': SmartpayCardRemovedEvent;
  }
}
