import type { TokenStatus } from '../types.js';
import { SmartpayEvent } from './smartpay-event.js';

export interface SmartpayTokenCreatedDetail {
  readonly tokenId: string;
  readonly status: TokenStatus;
  readonly createdAt: string;
}

/** The merchant server created a token. Never carries the client secret. */
export class SmartpayTokenCreatedEvent extends SmartpayEvent<SmartpayTokenCreatedDetail> {
  static override readonly eventName = 'smartpay-token-created';
}
