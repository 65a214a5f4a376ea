export { type SmartpayErrorCode, type SmartpayErrorDetail, SmartpayErrorEvent } from './error.js';
export { type SmartpayReadyDetail, SmartpayReadyEvent } from './ready.js';
export { type SmartpayStatusChangeDetail, SmartpayStatusChangeEvent } from './status-change.js';
export { SmartpayTokenActiveEvent } from './token-active.js';
export { type SmartpayTokenCreatedDetail, SmartpayTokenCreatedEvent } from './token-created.js';
