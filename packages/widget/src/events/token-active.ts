import type { ActivePublicToken } from '../types.js';
import { SmartpayEvent } from './smartpay-event.js';

/** The token is ACTIVE: the card is saved. `detail` is the public view of the token, with its card. */
export class SmartpayTokenActiveEvent extends SmartpayEvent<ActivePublicToken> {
  static override readonly eventName = 'smartpay-token-active';
}
