/**
 * @module
 * The server's configuration from environment variables, validated with zod. A bad value stops
 * start-up with a message naming the variable (secret values are never repeated in it).
 */
import { statSync } from 'node:fs';
import {
  COUNTRY_CODES,
  CREATE_TOKEN_BODY_SPEC,
  checkLeaf,
  INTEGRATION_FLOWS,
  type IntegrationFlow,
  ruleText,
} from '@smartpay/contract';
import { z } from 'zod';
import type { LogLevel } from '../logging/logger.js';
import { DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS, DEFAULT_SMARTPAY_TIMEOUT_MS } from '../smartpay/client.js';
import type { OAuthClientCredentials } from '../smartpay/oauth.js';
import { parseTokenKeys } from '../store/token-cipher.js';
import { MIN_SECRET_KEY_LENGTH } from '../tokens/client-secret.js';
import { pairWebhookEndpoints, type WebhookEndpoint } from '../webhooks/endpoints.js';

/** Everything `createApp` needs besides hooks; `loadConfig({})` gives the local sandbox setup. */
export interface ServerConfig {
  /** PORT (8787). */
  port: number;
  /** HOST (127.0.0.1). */
  host: string;
  /** SMARTPAY_BASE_URL (`http://localhost:4010`, the sandbox). */
  smartpayBaseUrl: string;
  /** SMARTPAY_MERCHANT_KEY (the sandbox's `sandbox-merchant-key`). */
  merchantKey: string;
  /** SMARTPAY_AUTH_KEY (the sandbox's `sandbox-auth-key`). */
  authenticationKey: string;
  /**
   * SMARTPAY_OAUTH_TOKEN_URL, SMARTPAY_OAUTH_CLIENT_ID, SMARTPAY_OAUTH_CLIENT_SECRET (all three or
   * none): when set, calls use `Authorization: Bearer` from the client-credentials grant, not Basic.
   */
  oauth?: OAuthClientCredentials | undefined;
  /** SMARTPAY_TIMEOUT_MS: per status read from SmartPay, answer included (15000). */
  smartpayTimeoutMs: number;
  /** SMARTPAY_CREATE_TIMEOUT_MS: per create at SmartPay, answer included (90000, the integration guide's minimum). */
  smartpayCreateTimeoutMs?: number | undefined;
  /** SMARTPAY_SDK_URL (`<base>/sdk/smp-bundle.js`). */
  sdkUrl: string;
  /** SMARTPAY_PCI_PROXY_URL (`<base>/forwarding/tokenize`): SmartPay's PCI proxy, for direct creates. */
  pciProxyUrl?: string | undefined;
  /** PCI_PROXY_TARGET_URL (`<MERCHANT_ORIGIN>/api/network-tokens`): this server's create endpoint as the proxy reaches it. */
  pciProxyTargetUrl?: string | undefined;
  /** MERCHANT_ORIGIN: sent to SmartPay as `Origin`, and allowed by CORS (`http://localhost:<PORT>`). */
  merchantOrigin: string;
  /** ALLOWED_ORIGINS: other origins whose pages may call the API (none). */
  allowedOrigins: string[];
  /** INTEGRATION_FLOWS: the flows offered (both). */
  integrationFlows: IntegrationFlow[];
  /** CURRENCY_CODE: used when the widget sends none (EUR). */
  currencyCode: string;
  /** DEFAULT_COUNTRY: the billing country the widget preselects, ISO alpha-3 (none: the shopper's locale decides). */
  defaultCountry?: string;
  /** CLIENT_SECRET_KEY: the key behind client secrets and session cookies; unset: generated into DATA_DIR. */
  clientSecretKey?: string | undefined;
  /** DATA_DIR (`.data`, relative to the working directory). */
  dataDir: string;
  /** STATIC_DIR: a built site to serve at `/` (none). */
  staticDir?: string | undefined;
  /** DATABASE_URL: a PostgreSQL server shared by every instance; unset: embedded PGlite under DATA_DIR. */
  databaseUrl?: string | undefined;
  /** LOG_LEVEL (info). */
  logLevel: LogLevel;
  /**
   * TOKEN_ENCRYPTION_KEYS: keys that encrypt network token numbers at rest (`id:base64,...`, the
   * first encrypts, all decrypt); unset: generated into DATA_DIR. Give every instance the same.
   */
  tokenEncryptionKeys?: string | undefined;
  /** LEASE_MS: how long a dead instance's pollers and creates in flight hold before others take over (30000). */
  leaseMs: number;
  /** CREATES_PER_MINUTE: creates allowed per client, counted across instances (20). */
  createsPerMinute: number;
  /**
   * WEBHOOK_URL and WEBHOOK_SECRET: where events are delivered, comma-separated, each URL with its
   * `whsec_` secret (several space-separated during a rotation) in the same order (none).
   */
  webhookEndpoints?: WebhookEndpoint[] | undefined;
  /**
   * WEBHOOK_RETENTION_DAYS: webhook events (with their deliveries and attempts) are deleted this
   * many days after they were written, once every delivery is final (30).
   */
  webhookRetentionDays?: number | undefined;
  /** MERCHANT_API_KEY: the Bearer key of the server-to-server API under /v1; unset: /v1 is off. */
  merchantApiKey?: string | undefined;
  /** DEMO_WEBHOOK_RECEIVER=1: mounts the demo's receiver at /demo/webhooks (`npm start` does). */
  demoWebhookReceiver?: boolean | undefined;
  /**
   * SMARTPAY_READS_PER_SECOND: status reads sent to SmartPay in any second by this instance, however
   * many tokens are pending (50); shared fairly, tokens whose card was just submitted first.
   */
  smartpayReadsPerSecond?: number | undefined;
  /** SMARTPAY_MAX_CONNECTIONS: connections to SmartPay at most; calls beyond wait for one (32). */
  smartpayMaxConnections?: number | undefined;
  /** MAX_STREAMS: open event streams on this instance at most (5000); beyond, 503 with Retry-After. */
  maxStreams?: number | undefined;
  /** MAX_STREAMS_PER_CLIENT: open event streams per client address and per token (20); beyond, 429. */
  maxStreamsPerClient?: number | undefined;
  /** MAX_CONNECTIONS: open HTTP connections at most (6000); beyond, new ones are closed at once. Keep it above MAX_STREAMS. */
  maxConnections?: number | undefined;
  /** HEADERS_TIMEOUT_MS: a request's headers must arrive within this (10000). */
  headersTimeoutMs?: number | undefined;
  /** REQUEST_TIMEOUT_MS: a whole request, body included, must arrive within this (30000). */
  requestTimeoutMs?: number | undefined;
  /** STREAM_IDLE_MS: an event stream with no status change this long is closed; the widget reconnects (300000). */
  streamIdleMs?: number | undefined;
}

/** The shortest MERCHANT_API_KEY accepted. */
export const MIN_MERCHANT_API_KEY_LENGTH = 32;

/** A configuration problem; `variables` names every variable at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variables: readonly string[],
    problems: readonly string[],
  ) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Variables whose values must not appear in messages. */
const SECRET_VARIABLES = new Set([
  'SMARTPAY_MERCHANT_KEY',
  'SMARTPAY_AUTH_KEY',
  'SMARTPAY_OAUTH_CLIENT_SECRET',
  'CLIENT_SECRET_KEY',
  'DATABASE_URL',
  'TOKEN_ENCRYPTION_KEYS',
  'WEBHOOK_SECRET',
  'MERCHANT_API_KEY',
]);

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an http:// or https:// URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const origin = httpUrl.refine((value) => new URL(value).origin === value, {
  message: 'must be an origin: scheme, host and port only (e.g. https://shop.example)',
});

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be from ${min} to ${max}` });

const list = <O>(item: z.ZodType<O, string>) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const currencyRule = CREATE_TOKEN_BODY_SPEC.fields.currencyCode;

const envSchema = z.object({
  PORT: wholeNumber(0, 65_535).optional(),
  HOST: z.string().min(1).optional(),
  SMARTPAY_BASE_URL: httpUrl.optional(),
  SMARTPAY_MERCHANT_KEY: z.string().min(1).optional(),
  SMARTPAY_AUTH_KEY: z.string().min(1).optional(),
  SMARTPAY_OAUTH_TOKEN_URL: httpUrl.optional(),
  SMARTPAY_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  SMARTPAY_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  SMARTPAY_TIMEOUT_MS: wholeNumber(100, 300_000).optional(),
  SMARTPAY_CREATE_TIMEOUT_MS: wholeNumber(100, 300_000).optional(),
  SMARTPAY_READS_PER_SECOND: wholeNumber(1, 100_000).optional(),
  SMARTPAY_MAX_CONNECTIONS: wholeNumber(1, 10_000).optional(),
  MAX_STREAMS: wholeNumber(1, 1_000_000).optional(),
  MAX_STREAMS_PER_CLIENT: wholeNumber(1, 100_000).optional(),
  STREAM_IDLE_MS: wholeNumber(1_000, 24 * 3_600_000).optional(),
  MAX_CONNECTIONS: wholeNumber(1, 1_000_000).optional(),
  HEADERS_TIMEOUT_MS: wholeNumber(100, 600_000).optional(),
  REQUEST_TIMEOUT_MS: wholeNumber(100, 3_600_000).optional(),
  SMARTPAY_SDK_URL: httpUrl.optional(),
  SMARTPAY_PCI_PROXY_URL: httpUrl.optional(),
  PCI_PROXY_TARGET_URL: httpUrl.optional(),
  MERCHANT_ORIGIN: origin.optional(),
  ALLOWED_ORIGINS: list(origin).optional(),
  INTEGRATION_FLOWS: list(
    z.enum(INTEGRATION_FLOWS, { message: `must list only ${INTEGRATION_FLOWS.join(', ')}` }),
  )
    .refine((flows) => flows.length > 0, { message: 'must name at least one flow' })
    .optional(),
  CURRENCY_CODE: z
    .string()
    .superRefine((value, ctx) => {
      const issue = checkLeaf(currencyRule, value);
      if (issue) ctx.addIssue({ code: 'custom', message: ruleText(issue) });
    })
    .optional(),
  DEFAULT_COUNTRY: z
    .string()
    .transform((value) => value.toUpperCase())
    .refine((value) => COUNTRY_CODES.includes(value), {
      message: 'must be an ISO 3166-1 alpha-3 country code (e.g. DEU)',
    })
    .optional(),
  CLIENT_SECRET_KEY: z
    .string()
    .min(MIN_SECRET_KEY_LENGTH, { message: `must be at least ${MIN_SECRET_KEY_LENGTH} characters` })
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  STATIC_DIR: z
    .string()
    .refine((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true, {
      message: 'must be an existing directory',
    })
    .optional(),
  DATABASE_URL: z
    .string()
    .refine((value) => URL.canParse(value), { message: 'must be a URL' })
    .optional(),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { message: 'must be debug, info, warn or error' })
    .optional(),
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseTokenKeys(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `is not valid: ${(error as Error).message}` });
      }
    })
    .optional(),
  LEASE_MS: wholeNumber(1_000, 600_000).optional(),
  CREATES_PER_MINUTE: wholeNumber(1, 1_000_000).optional(),
  WEBHOOK_URL: list(httpUrl).optional(),
  DEMO_WEBHOOK_RECEIVER: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
  WEBHOOK_SECRET: z.string().optional(),
  WEBHOOK_RETENTION_DAYS: wholeNumber(1, 3_650).optional(),
  MERCHANT_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { message: 'must be visible ASCII characters' })
    .min(MIN_MERCHANT_API_KEY_LENGTH, {
      message: `must be at least ${MIN_MERCHANT_API_KEY_LENGTH} characters (openssl rand -hex 32)`,
    })
    .optional(),
});

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the server configuration from `env` (usually `process.env`). Empty values count as unset.
 * Throws a {@link ConfigError} naming every bad variable.
 */
export function loadConfig(env: Env): ServerConfig {
  const input: Record<string, string> = {};
  for (const name of Object.keys(envSchema.shape)) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = SECRET_VARIABLES.has(name) ? '' : ` (got ${JSON.stringify(input[name])})`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(variables, problems);
  }
  const e = parsed.data;
  const port = e.PORT ?? 8787;
  const base = e.SMARTPAY_BASE_URL ?? 'http://localhost:4010';
  const merchantOrigin = e.MERCHANT_ORIGIN ?? `http://localhost:${port}`;
  const oauth = oauthCredentials(e);
  const originProblem = registrableOriginProblem(base, merchantOrigin, e.MERCHANT_ORIGIN === undefined);
  if (originProblem) throw new ConfigError(['MERCHANT_ORIGIN'], [originProblem]);
  const webhookEndpoints = webhooksFrom(e.WEBHOOK_URL, e.WEBHOOK_SECRET);
  return {
    port,
    host: e.HOST ?? '127.0.0.1',
    smartpayBaseUrl: base,
    merchantKey: e.SMARTPAY_MERCHANT_KEY ?? 'sandbox-merchant-key',
    authenticationKey: e.SMARTPAY_AUTH_KEY ?? 'sandbox-auth-key',
    oauth,
    smartpayTimeoutMs: e.SMARTPAY_TIMEOUT_MS ?? DEFAULT_SMARTPAY_TIMEOUT_MS,
    smartpayCreateTimeoutMs: e.SMARTPAY_CREATE_TIMEOUT_MS ?? DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS,
    sdkUrl: e.SMARTPAY_SDK_URL ?? `${base}/sdk/smp-bundle.js`,
    pciProxyUrl: e.SMARTPAY_PCI_PROXY_URL ?? `${base}/forwarding/tokenize`,
    pciProxyTargetUrl: e.PCI_PROXY_TARGET_URL ?? `${merchantOrigin}/api/network-tokens`,
    merchantOrigin,
    allowedOrigins: e.ALLOWED_ORIGINS ?? [],
    integrationFlows: e.INTEGRATION_FLOWS ? [...new Set(e.INTEGRATION_FLOWS)] : [...INTEGRATION_FLOWS],
    currencyCode: e.CURRENCY_CODE ?? 'EUR',
    ...(e.DEFAULT_COUNTRY ? { defaultCountry: e.DEFAULT_COUNTRY } : {}),
    clientSecretKey: e.CLIENT_SECRET_KEY,
    dataDir: e.DATA_DIR ?? '.data',
    staticDir: e.STATIC_DIR,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL ?? 'info',
    tokenEncryptionKeys: e.TOKEN_ENCRYPTION_KEYS,
    leaseMs: e.LEASE_MS ?? 30_000,
    createsPerMinute: e.CREATES_PER_MINUTE ?? 20,
    ...(webhookEndpoints.length > 0 ? { webhookEndpoints } : {}),
    merchantApiKey: e.MERCHANT_API_KEY,
    demoWebhookReceiver: e.DEMO_WEBHOOK_RECEIVER === '1',
    ...definedOnly({
      smartpayReadsPerSecond: e.SMARTPAY_READS_PER_SECOND,
      smartpayMaxConnections: e.SMARTPAY_MAX_CONNECTIONS,
      maxStreams: e.MAX_STREAMS,
      maxStreamsPerClient: e.MAX_STREAMS_PER_CLIENT,
      streamIdleMs: e.STREAM_IDLE_MS,
      maxConnections: e.MAX_CONNECTIONS,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      webhookRetentionDays: e.WEBHOOK_RETENTION_DAYS,
    }),
  };
}

/** The endpoints of WEBHOOK_URL and WEBHOOK_SECRET (both or neither). */
function webhooksFrom(urls: string[] | undefined, secrets: string | undefined): WebhookEndpoint[] {
  if (!urls?.length && !secrets) return [];
  if (!urls?.length)
    throw new ConfigError(['WEBHOOK_URL'], ['WEBHOOK_URL is required when WEBHOOK_SECRET is set']);
  if (!secrets) {
    throw new ConfigError(
      ['WEBHOOK_SECRET'],
      ['WEBHOOK_SECRET is required when WEBHOOK_URL is set: every delivery is signed'],
    );
  }
  const { endpoints, problems } = pairWebhookEndpoints(urls, secrets);
  if (problems.length > 0) throw new ConfigError(['WEBHOOK_SECRET'], problems);
  return endpoints;
}

/** The settings that were given (an unset optional setting stays absent, not undefined). */
function definedOnly<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const OAUTH_VARIABLES = [
  'SMARTPAY_OAUTH_TOKEN_URL',
  'SMARTPAY_OAUTH_CLIENT_ID',
  'SMARTPAY_OAUTH_CLIENT_SECRET',
] as const;

/** The OAuth2 client, when all three variables are set; none: Basic auth; some: a ConfigError naming the rest. */
function oauthCredentials(
  e: Partial<Record<(typeof OAUTH_VARIABLES)[number], string>>,
): OAuthClientCredentials | undefined {
  const missing = OAUTH_VARIABLES.filter((name) => e[name] === undefined);
  if (missing.length === OAUTH_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(
      missing,
      missing.map(
        (name) => `${name} is required when any SMARTPAY_OAUTH_* variable is set (OAuth2 needs all three)`,
      ),
    );
  }
  return {
    tokenUrl: e.SMARTPAY_OAUTH_TOKEN_URL!,
    clientId: e.SMARTPAY_OAUTH_CLIENT_ID!,
    clientSecret: e.SMARTPAY_OAUTH_CLIENT_SECRET!,
  };
}

/**
 * SmartPay checks `Origin` against the domains registered for the merchant key: https only, never
 * localhost. Against anything but the local sandbox, an origin that cannot be registered would be
 * refused on every call, so the server does not start with one.
 */
function registrableOriginProblem(
  smartpayBaseUrl: string,
  merchantOrigin: string,
  isDefault: boolean,
): string | undefined {
  if (LOCAL_HOSTS.has(new URL(smartpayBaseUrl).hostname)) return undefined;
  const origin = new URL(merchantOrigin);
  if (origin.protocol === 'https:' && !LOCAL_HOSTS.has(origin.hostname)) return undefined;
  return (
    `MERCHANT_ORIGIN must be your shop's https origin as registered with SmartPay (got ${JSON.stringify(merchantOrigin)}` +
    `${isDefault ? ', the default' : ''}): SMARTPAY_BASE_URL is not the local sandbox, ` +
    'and SmartPay sends every call whose Origin is not a registered https domain away (localhost is never registrable)'
  );
}

/** Things that work but are probably not meant: printed at start-up. */
export function configWarnings(config: ServerConfig): string[] {
  const warnings: string[] = [];
  const upstream = new URL(config.smartpayBaseUrl);
  const local = LOCAL_HOSTS.has(upstream.hostname);
  if (!local && upstream.protocol !== 'https:') {
    warnings.push('SMARTPAY_BASE_URL is not https: the merchant keys would travel unencrypted');
  }
  if (config.oauth) {
    const tokenUrl = new URL(config.oauth.tokenUrl);
    if (!LOCAL_HOSTS.has(tokenUrl.hostname) && tokenUrl.protocol !== 'https:') {
      warnings.push('SMARTPAY_OAUTH_TOKEN_URL is not https: the client secret would travel unencrypted');
    }
  } else if (
    !local &&
    (config.merchantKey === 'sandbox-merchant-key' || config.authenticationKey === 'sandbox-auth-key')
  ) {
    warnings.push(
      'SMARTPAY_BASE_URL is not local but SMARTPAY_MERCHANT_KEY/SMARTPAY_AUTH_KEY are the sandbox defaults',
    );
  }
  if (!local && config.integrationFlows.includes('direct') && config.pciProxyTargetUrl) {
    const target = new URL(config.pciProxyTargetUrl);
    if (target.protocol !== 'https:' || LOCAL_HOSTS.has(target.hostname)) {
      warnings.push(
        'PCI_PROXY_TARGET_URL is not a public https URL: SmartPay’s PCI proxy could not forward direct creates to it',
      );
    }
  }
  if (
    (config.smartpayCreateTimeoutMs ?? DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS) <
    DEFAULT_SMARTPAY_CREATE_TIMEOUT_MS
  ) {
    warnings.push(
      'SMARTPAY_CREATE_TIMEOUT_MS is under 90000: SmartPay asks for at least 90 s, and a create given up early may still create a token',
    );
  }
  const perInstance = [
    config.clientSecretKey ? undefined : 'CLIENT_SECRET_KEY',
    config.tokenEncryptionKeys ? undefined : 'TOKEN_ENCRYPTION_KEYS',
  ].filter(Boolean);
  if (config.databaseUrl && perInstance.length > 0) {
    warnings.push(
      `DATABASE_URL is set but ${perInstance.join(' and ')} ${perInstance.length > 1 ? 'are' : 'is'} not: each instance generates its own into DATA_DIR, ` +
        'so other instances cannot use what this one stores; set the same value on every instance',
    );
  }
  return warnings;
}
