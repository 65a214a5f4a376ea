import type { IntegrationFlow } from '../types.js';
import { SmartpayEvent } from './smartpay-event.js';

export interface SmartpayReadyDetail {
  /** The flow the form was rendered for. */
  readonly integrationFlow: IntegrationFlow;
}

/** The form is rendered and the merchant's `/api/config` is loaded. */
export class SmartpayReadyEvent extends SmartpayEvent<SmartpayReadyDetail> {
  static override readonly eventName = 'smartpay-ready';
}
