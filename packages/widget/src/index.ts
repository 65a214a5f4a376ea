/**
 * @module
 * `<smartpay-network-token>` without registering it: the class, its events and types. Importing
 * this has no side effects (safe under SSR); import `@smartpay/widget/define` to register the tag.
 */
export {
  type SmartpayErrorCode,
  type SmartpayErrorDetail,
  SmartpayErrorEvent,
  type SmartpayEventMap,
  type SmartpayReadyDetail,
  SmartpayReadyEvent,
  type SmartpayStatusChangeDetail,
  SmartpayStatusChangeEvent,
  SmartpayTokenActiveEvent,
  type SmartpayTokenCreatedDetail,
  SmartpayTokenCreatedEvent,
} from './events/index.js';
export type { Messages } from './internal/messages.js';
export { SmartpayNetworkToken } from './smartpay-network-token.js';
export type {
  ActivePublicToken,
  Address,
  CardTokenizer,
  Consumer,
  IntegrationFlow,
  PublicCard,
  PublicToken,
  TokenStatus,
} from './types.js';
