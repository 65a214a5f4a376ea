import type { TokenStatus } from '../types.js';
import { SmartpayEvent } from './smartpay-event.js';

export interface SmartpayTokenCreatedDetail {
  readonly tokenId: string;
  readonly status: TokenStatus;
  readonly createdAt: string;
}

/** The merchant server created a token. Never carries the client secret. */
export class SmartpayTokenCreatedEvent extends SmartpayEvent<SmartpayTokenCreatedDetail> {
  static readonly eventName = 'smartpay-token-created';

  constructor(detail: SmartpayTokenCreatedDetail) {
    super(SmartpayTokenCreatedEvent.eventName, detail);
  }
}
