/**
 * @module
 * The SmartPay merchant server: `createApp(config)` gives a Hono app with the merchant API,
 * `loadConfig(env)` reads its configuration from environment variables.
 */
export { type ResolveAccount, SESSION_COOKIE, sessionAccount } from './accounts/session-account.js';
export { type AppConfig, type AppOptions, createApp, type WebhookOptions } from './app.js';
export { ConfigError, configWarnings, loadConfig, type ServerConfig } from './config/load-config.js';
export {
  type ConnectionLimits,
  capConnections,
  connectionOptions,
  DEFAULT_CONNECTION_LIMITS,
} from './connection-limits.js';
export { MERCHANT_ERROR_STATUS, MerchantError } from './errors/merchant-error.js';
export {
  createJsonLogger,
  type JsonLoggerOptions,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogSink,
  silentLogger,
} from './logging/logger.js';
export { MAX_BODY_BYTES } from './middleware/body-limit.js';
export type { AppEnv, RequestVariables } from './middleware/request-context.js';
export { createNodeListener, type FetchApp, type NodeListener } from './node-listener.js';
export {
  type CallOptions,
  createSmartPayClient,
  DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS,
  DEFAULT_SMARTPAY_TIMEOUT_MS,
  type SmartPayAttempt,
  type SmartPayClient,
  type SmartPayClientOptions,
} from './smartpay/client.js';
export { type ConnectionPool, createConnectionPool } from './smartpay/connection-pool.js';
export {
  SmartPayApiError,
  SmartPayAuthenticationError,
  SmartPayConnectionError,
  SmartPayError,
  SmartPayInvalidRequestError,
  SmartPayMalformedResponseError,
  SmartPayNotFoundError,
  SmartPayOAuthError,
  type SmartPayOperation,
  SmartPayPermissionError,
  SmartPayRateLimitError,
  SmartPayTimeoutError,
  SmartPayUnavailableError,
} from './smartpay/errors.js';
export type { OAuthClientCredentials } from './smartpay/oauth.js';
export type { OddAnswer } from './smartpay/odd-answers.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './smartpay/retry.js';
export { MemoryTokenStore } from './store/memory-token-store.js';
export { type OpenTokenStoreOptions, openTokenStore } from './store/open-store.js';
export type { SqlTokenStore } from './store/sql/sql-token-store.js';
export { TOKEN_KEY_FILE, TokenKeyError } from './store/token-cipher.js';
export type {
  AccountToken,
  AccountTokenCursor,
  AccountTokenQuery,
  ClaimOptions,
  CreateIntent,
  IdempotencyClaim,
  IdempotentOutcome,
  RateLimitDecision,
  RateLimitRule,
  ResumeQuery,
  StoredToken,
  SweepOptions,
  SweepResult,
  TokenStore,
} from './store/token-store.js';
export type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryClaimQuery,
  DeliveryState,
  EventRecord,
  OutboxEvent,
  WebhookAttempt,
} from './store/webhook-outbox.js';
export { toPublicToken } from './tokens/public-token.js';
export {
  createMerchantClient,
  MerchantApiError,
  type MerchantClient,
  type MerchantClientOptions,
  type PageOptions,
} from './v1/merchant-client.js';
export { DEFAULT_WATCH_SCHEDULE, type ReadStep, type WatchSchedule } from './watcher/schedule.js';
export {
  createWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from './webhooks/delivery-worker.js';
export type { WebhookEndpoint } from './webhooks/endpoints.js';
export { WEBHOOK_ATTEMPT_TIMEOUT_MS, WEBHOOK_RETRY_SCHEDULE_MS } from './webhooks/retry-schedule.js';
export {
  signWebhook,
  verifyWebhook,
  type WebhookRequestHeaders,
  type WebhookSignatureHeaders,
  WebhookVerificationError,
} from './webhooks/signing.js';
