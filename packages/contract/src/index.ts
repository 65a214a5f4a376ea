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
