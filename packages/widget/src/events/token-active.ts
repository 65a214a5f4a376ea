import type { PublicToken } from '../types.js';
import { SmartpayEvent } from './smartpay-event.js';

/** The token is ACTIVE: the card is saved. `detail` is the public view of the token, with its card. */
export class SmartpayTokenActiveEvent extends SmartpayEvent<PublicToken> {
  constructor(detail: PublicToken) {
    super('smartpay-token-active', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartpay-token-active': SmartpayTokenActiveEvent;
  }
}
