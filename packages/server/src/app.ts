/**
 * @module
 * `createApp(config)`: the merchant server as a Hono app — the merchant API under `/api`,
 * `/healthz`, and the built demo at `/` when `staticDir` is given.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { MerchantConfig } from '@smartpay/contract';
import { type Context, Hono } from 'hono';
import { type ResolveAccount, sessionAccount } from './accounts/session-account.js';
import type { ServerConfig } from './config/load-config.js';
import { demoWebhookReceiver } from './demo/webhook-receiver.js';
import { handleError, handleNotFound } from './errors/error-handler.js';
import { createJsonLogger, type Logger } from './logging/logger.js';
import { requestBodyLimit } from './middleware/body-limit.js';
import { apiCors } from './middleware/cors.js';
import { rateLimit } from './middleware/rate-limit.js';
import { type AppEnv, requestContext } from './middleware/request-context.js';
import { apiSecurityHeaders } from './middleware/security-headers.js';
import { peerAddress } from './request/client-address.js';
import {
  createSmartPayClient,
  DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS,
  type SmartPayAttempt,
} from './smartpay/client.js';
import { type ConnectionPool, createConnectionPool } from './smartpay/connection-pool.js';
import { createReadBudget } from './smartpay/read-budget.js';
import type { RetryPolicy } from './smartpay/retry.js';
import { staticSite } from './static/static-site.js';
import { startMaintenance } from './store/maintenance.js';
import { MemoryTokenStore } from './store/memory-token-store.js';
import type { StoredToken, TokenStore } from './store/token-store.js';
import { createClientSecrets, deriveKey } from './tokens/client-secret.js';
import { createTokenService } from './tokens/create-token.js';
import { directAttempts } from './tokens/direct-attempts.js';
import { nodeEventStreamHeads } from './tokens/node-event-stream.js';
import { tokenRoutes } from './tokens/routes.js';
import { savedCardRoutes } from './tokens/saved-cards.js';
import { loadOrCreateSecretKey } from './tokens/secret-key-file.js';
import { createStreamLimits } from './tokens/stream-limits.js';
import { v1Routes } from './v1/routes.js';
import type { WatchSchedule } from './watcher/schedule.js';
import { DEFAULT_WATCH_SCHEDULE } from './watcher/schedule.js';
import { createStatusWatcher } from './watcher/status-watcher.js';
import { createWebhookWorker } from './webhooks/delivery-worker.js';
import type { WebhookEndpoint } from './webhooks/endpoints.js';

/** Where webhook events go and how this instance delivers them. */
export interface WebhookOptions {
  /** Replaces WEBHOOK_URL/WEBHOOK_SECRET (`webhookEndpoints`). */
  endpoints?: readonly WebhookEndpoint[];
  /** Whether this instance runs a delivery worker (true). Any number of instances may. */
  deliver?: boolean;
  /** The fetch deliveries are sent with. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Per attempt (15 s). */
  timeoutMs?: number;
}

/** Hooks and replaceable parts; every one has a default. */
export interface AppOptions {
  /** Signed webhooks (Standard Webhooks) for `network_token.created`, `.active` and `.failed`. */
  webhooks?: WebhookOptions;
  /**
   * Where tokens, idempotency keys, leases and rate limits live. Default: a new
   * {@link MemoryTokenStore} (lost on restart); `await openTokenStore(config)` gives the durable
   * one (PGlite, or PostgreSQL shared by several instances), as the bin does. The app does not
   * close it: close it after aborting `signal`.
   */
  store?: TokenStore;
  /** Default: JSON lines on stdout at `logLevel`. */
  logger?: Logger;
  /** The accountReferenceId for a request. Default: a UUID per shopper session, kept in a signed cookie. */
  resolveAccount?: ResolveAccount;
  /**
   * Called when a token's final status (ACTIVE or ERROR) is first read, with SmartPay's full view:
   * the place to save the network token for later payments. Server-side only. With a durable
   * store it runs at least once per token across restarts and instances, and exactly once unless
   * a process dies while it runs: deduplicate by `tokenId`.
   */
  onFinalStatus?: (token: StoredToken) => void | Promise<void>;
  /** Create requests allowed per client: `limit` at once, refilled over `windowMs`. Default CREATES_PER_MINUTE per 60 s. */
  rateLimit?: { limit: number; windowMs: number };
  /** This instance's name in leases and claims. Default: a random UUID per app. */
  instanceId?: string;
  /** Who a create counts against. Default: the peer address (set this behind a proxy). */
  clientKey?: (c: Context) => string;
  /** The status watcher's pace; see {@link DEFAULT_WATCH_SCHEDULE}. */
  watch?: Partial<WatchSchedule>;
  /** Retries of SmartPay reads. */
  retry?: Partial<RetryPolicy>;
  /** How long a duplicate create waits for the first one with its key. Default: the create timeout and 10 s. */
  waitForDuplicateMs?: number;
  /** The fetch used to call SmartPay. Default: undici through a pool of SMARTPAY_MAX_CONNECTIONS connections. */
  fetch?: typeof fetch;
  /** Aborting it stops every poller and ends every event stream (for a graceful shutdown). */
  signal?: AbortSignal;
  now?: () => number;
  random?: () => number;
}

type OptionalSettings = 'logLevel' | 'leaseMs' | 'createsPerMinute' | 'tokenEncryptionKeys';

export type AppConfig = Omit<ServerConfig, 'port' | 'host' | OptionalSettings> &
  Partial<Pick<ServerConfig, OptionalSettings>> &
  AppOptions;

/**
 * Builds the merchant server. Mount it as is (`serve({fetch: app.fetch})`) or inside another
 * Hono app (`shop.route('/', createApp(config))`).
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server';
 * import { createApp, loadConfig } from '@smartpay/server';
 * serve({ fetch: createApp(loadConfig(process.env)).fetch, port: 8787 });
 * ```
 */
export function createApp(config: AppConfig): Hono<AppEnv> {
  const logger = config.logger ?? createJsonLogger({ level: config.logLevel ?? 'info' });
  const now = config.now ?? Date.now;
  const store = config.store ?? new MemoryTokenStore();
  const serverKey =
    config.clientSecretKey ??
    loadOrCreateSecretKey(config.dataDir, (message) => logger.warn('config.key_file_mode', { message }));
  const secrets = createClientSecrets(serverKey);
  const leaseMs = config.leaseMs ?? DEFAULT_WATCH_SCHEDULE.leaseMs;
  const schedule: WatchSchedule = { ...DEFAULT_WATCH_SCHEDULE, leaseMs, ...config.watch };
  const createTimeoutMs = config.smartpayCreateTimeoutMs ?? DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS;
  const instanceId = config.instanceId ?? randomUUID();

  // The SmartPay connections and the read budget: bounded however many tokens are pending.
  const pool = config.fetch ? undefined : createConnectionPool(config.smartpayMaxConnections ?? 32);
  const readBudget = createReadBudget({ perSecond: config.smartpayReadsPerSecond ?? 50 });
  const client = createSmartPayClient({
    baseUrl: config.smartpayBaseUrl,
    merchantKey: config.merchantKey,
    authenticationKey: config.authenticationKey,
    ...(config.oauth ? { oauth: config.oauth } : {}),
    onTokenRefresh: (refresh) => logger.info('smartpay.token_refreshed', { ...refresh }),
    origin: config.merchantOrigin,
    timeoutMs: config.smartpayTimeoutMs,
    createTimeoutMs,
    fetch: config.fetch ?? (pool as ConnectionPool).fetch,
    send: config.fetch ?? (pool as ConnectionPool).send,
    readBudget,
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.random ? { random: config.random } : {}),
    now,
    onAttempt: (attempt) => logAttempt(logger, attempt),
    onOddAnswer: (oddity) => logger.warn('smartpay.odd_answer', { ...oddity }),
  });
  const watcher = createStatusWatcher({
    client,
    store,
    logger,
    schedule,
    now,
    instanceId,
    ...(config.random ? { random: config.random } : {}),
    ...(config.onFinalStatus ? { onFinalStatus: config.onFinalStatus } : {}),
  });
  const stopMaintenance = startMaintenance({
    store,
    instanceId,
    leaseMs: schedule.leaseMs,
    logger,
    now,
    ...(config.webhookRetentionDays
      ? { webhookRetentionMs: config.webhookRetentionDays * 24 * 60 * 60_000 }
      : {}),
  });
  const webhookEndpoints = config.webhooks?.endpoints ?? config.webhookEndpoints ?? [];
  const webhookWorker = createWebhookWorker({
    store,
    endpoints: config.webhooks?.deliver === false ? [] : webhookEndpoints,
    logger,
    now,
    ...(config.webhooks?.fetch ? { fetch: config.webhooks.fetch } : {}),
    ...(config.webhooks?.timeoutMs ? { timeoutMs: config.webhooks.timeoutMs } : {}),
  });
  config.signal?.addEventListener(
    'abort',
    () => {
      stopMaintenance();
      watcher.close();
      void webhookWorker.close();
      streams.close();
      void pool?.close().catch(() => {});
    },
    { once: true },
  );
  if (!config.signal?.aborted) {
    void watcher.start();
    webhookWorker.start();
  }
  const createToken = createTokenService({
    client,
    store,
    currencyCode: config.currencyCode,
    // A duplicate waits as long as the first request with its key may take, and a little more.
    waitForDuplicateMs: config.waitForDuplicateMs ?? createTimeoutMs + 10_000,
    instanceId,
    leaseMs: schedule.leaseMs,
    // A direct token is final at once, but the create answer lacks its card and network token. No
    // read here: the browser's first status read fetches them (`current`), and otherwise the
    // watcher's sweep does, then runs onFinalStatus (within a quarter lease).
    now,
  });

  const clientKey = config.clientKey ?? peerAddress;
  const streams = createStreamLimits({
    maxStreams: config.maxStreams ?? 5_000,
    maxPerClient: config.maxStreamsPerClient ?? 20,
    maxPerToken: config.maxStreamsPerClient ?? 20,
    heartbeatMs: schedule.heartbeatMs,
    idleMs: config.streamIdleMs ?? 5 * 60_000,
    now,
  });
  const rateLimitKey = deriveKey(serverKey, 'rate-limit');

  const publicConfig: MerchantConfig = {
    sdkUrl: config.sdkUrl,
    integrationFlows: [...config.integrationFlows],
    currencyCode: config.currencyCode,
    ...(config.defaultCountry ? { defaultCountry: config.defaultCountry } : {}),
  };

  const resolveAccount = config.resolveAccount ?? sessionAccount(deriveKey(serverKey, 'session'));
  const pciProxyUrl = config.pciProxyUrl ?? `${config.smartpayBaseUrl}/forwarding/tokenize`;
  const attempts = directAttempts({
    serverKey,
    proxyUrl: pciProxyUrl,
    targetUrl: config.pciProxyTargetUrl ?? `${config.merchantOrigin}/api/network-tokens`,
    resolveAccount,
    integrationFlows: config.integrationFlows,
    now,
  });

  const app = new Hono<AppEnv>();
  // First: it writes an event stream's head with the headers every other middleware added.
  app.use(nodeEventStreamHeads());
  app.use(requestContext(logger, now));
  app.use(requestBodyLimit());
  app.onError(handleError);
  app.notFound(handleNotFound);

  app.get('/healthz', apiSecurityHeaders(), (c) => c.json({ status: 'ok' }));

  const api = new Hono<AppEnv>();
  api.use(apiCors(config.allowedOrigins, config.merchantOrigin));
  api.use(apiSecurityHeaders());
  api.get('/config', (c) => c.json(publicConfig));
  api.route(
    '/network-tokens',
    tokenRoutes({
      createToken,
      watcher,
      secrets,
      resolveAccount,
      integrationFlows: config.integrationFlows,
      createRateLimit: rateLimit({
        limit: config.rateLimit?.limit ?? config.createsPerMinute ?? 20,
        windowMs: config.rateLimit?.windowMs ?? 60_000,
        // Only a keyed hash of the client is stored, never its address.
        key: (c) => createHmac('sha256', rateLimitKey).update(clientKey(c)).digest('base64url'),
        store,
        now,
      }),
      streams,
      clientKey,
      directAttempts: attempts,
    }),
  );
  api.route('/saved-cards', savedCardRoutes({ store, resolveAccount, now }));
  app.route('/api', api);
  // Server to server: no CORS, ever.
  app.route('/v1', v1Routes({ store, watcher, apiKey: config.merchantApiKey, now }));
  if (config.demoWebhookReceiver) {
    app.route(
      '/demo/webhooks',
      demoWebhookReceiver(webhookEndpoints.flatMap((endpoint) => endpoint.secrets)),
    );
  }

  if (config.staticDir) app.route('/', staticSite(config.staticDir, { sdkUrl: config.sdkUrl, pciProxyUrl }));
  return app;
}

function logAttempt(logger: Logger, attempt: SmartPayAttempt): void {
  const fields = { ...attempt };
  if (attempt.error) logger.warn('smartpay.attempt', fields);
  else if (attempt.operation === 'createToken') logger.info('smartpay.attempt', fields);
  else logger.debug('smartpay.attempt', fields);
}
