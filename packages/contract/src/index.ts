/**
 * @module
 * The SmartPay Network Token contract: zod schemas and types for SmartPay's API and for the
 * merchant API between widget and server, plus everything in `./core` (re-exported whole, since
 * this entry is a superset of it).
 */
export * from './core.js';
export {
  type CreateTokenBody,
  type CreateTokenResponse,
  createTokenBodySchema,
  createTokenResponseSchema,
  type DirectAttempt,
  directAttemptSchema,
  type MerchantConfig,
  merchantConfigSchema,
  type PublicCard,
  type PublicToken,
  publicCardSchema,
  publicTokenSchema,
  type SavedCard,
  type SavedCardList,
  savedCardListSchema,
  savedCardSchema,
} from './merchant/api.js';
export {
  V1_PAGE_LIMIT,
  V1_PATHS,
  type V1Event,
  type V1EventPage,
  type V1Token,
  type V1TokenPage,
  type V1WebhookAttempt,
  type V1WebhookDelivery,
  v1EventPageSchema,
  v1EventSchema,
  v1NetworkTokenDataSchema,
  v1TokenPageSchema,
  v1TokenSchema,
  v1WebhookAttemptSchema,
  v1WebhookDeliverySchema,
} from './merchant/v1.js';
export {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_HEADERS,
  type WebhookEvent,
  type WebhookEventType,
  webhookEventSchema,
} from './merchant/webhooks.js';
export {
  TRACE_ERROR_CODES,
  type TraceErrorBody,
  traceErrorBodySchema,
  type ValidationErrorBody,
  validationErrorBodySchema,
} from './smartpay/errors.js';
export {
  documentedNetworkTokenSchema,
  type NetworkToken,
  networkTokenDataSchema,
  networkTokenSchema,
  tokenizedCardDataSchema,
} from './smartpay/token.js';
export {
  type Address,
  type BusinessConsumer,
  type CardDetails,
  type Consumer,
  type TokenRequest,
  tokenRequestSchema,
} from './smartpay/token-request.js';
export { type BodyOf, bodyOf, type ObjectOf, objectOf } from './zod/build.js';
export { toFieldIssues } from './zod/issues.js';
