import type { TokenStatus } from '../types.js';
import { SmartpayEvent } from './smartpay-event.js';

export interface SmartpayStatusChangeDetail {
  readonly tokenId: string;
  readonly status: TokenStatus;
  readonly previousStatus: TokenStatus;
  readonly updatedAt: string;
}

/** The token moved to another status (the first status comes with `smartpay-token-created`). */
export class SmartpayStatusChangeEvent extends SmartpayEvent<SmartpayStatusChangeDetail> {
  static override readonly eventName = 'smartpay-status-change';
}
