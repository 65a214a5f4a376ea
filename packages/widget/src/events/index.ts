import { SmartpayErrorEvent } from './error.js';
import { SmartpayReadyEvent } from './ready.js';
import { SmartpayStatusChangeEvent } from './status-change.js';
import { SmartpayTokenActiveEvent } from './token-active.js';
import { SmartpayTokenCreatedEvent } from './token-created.js';

export { type SmartpayErrorCode, type SmartpayErrorDetail, SmartpayErrorEvent } from './error.js';
export { type SmartpayReadyDetail, SmartpayReadyEvent } from './ready.js';
export { type SmartpayStatusChangeDetail, SmartpayStatusChangeEvent } from './status-change.js';
export { SmartpayTokenActiveEvent } from './token-active.js';
export { type SmartpayTokenCreatedDetail, SmartpayTokenCreatedEvent } from './token-created.js';

/** The events of `<smartpay-network-token>` by name (each name is written once: its class's `eventName`). */
export interface SmartpayEventMap {
  [SmartpayReadyEvent.eventName]: SmartpayReadyEvent;
  [SmartpayTokenCreatedEvent.eventName]: SmartpayTokenCreatedEvent;
  [SmartpayStatusChangeEvent.eventName]: SmartpayStatusChangeEvent;
  [SmartpayTokenActiveEvent.eventName]: SmartpayTokenActiveEvent;
  [SmartpayErrorEvent.eventName]: SmartpayErrorEvent;
}

declare global {
  // `addEventListener('smartpay-token-active', …)` is typed on every element, document and window.
  interface GlobalEventHandlersEventMap extends SmartpayEventMap {}
}
