/**
 * @module
 * Where the server keeps what it must remember: tokens (SmartPay's full view, server-side only),
 * idempotency keys and the creates in flight, who is polling which token, whether a token's
 * onFinalStatus ran, and the create rate limit. Every method is async and takes or returns plain
 * data; {@link MemoryTokenStore} keeps it in this process, the SQL store in PGlite or PostgreSQL.
 */
import type { IntegrationFlow, MerchantErrorCode, NetworkToken } from '@smartpay/contract';
import type {
  ClaimedDelivery,
  DeliveryClaimQuery,
  EventRecord,
  OutboxEvent,
  WebhookAttempt,
} from './webhook-outbox.js';

/** A token this server knows about. Holds the network token number once ACTIVE: never send it to a browser. */
export interface StoredToken {
  readonly tokenId: string;
  /** The accountReferenceId sent at creation; absent for tokens first seen through a read. */
  readonly accountReferenceId?: string;
  readonly integrationFlow?: IntegrationFlow;
  /** SmartPay's latest answer for the token. */
  readonly token: NetworkToken;
  /**
   * True once the token was read with GET. The create answer is a partial view: it never holds
   * the card or the network token, even for a direct token that is ACTIVE at once.
   */
  readonly fullView: boolean;
  /** When SmartPay was last asked about the token (ms since epoch). */
  readonly checkedAt: number;
  /** When this server began following the token; the watcher's maximum counts from here. */
  readonly followSince: number;
  /** Set when following stopped for good before a final status: the maximum passed, or SmartPay forgot it. */
  readonly followEnded?: 'timeout' | 'gone';
  /** When it was removed here (ms since epoch): its network token number is wiped. Set by removeToken only. */
  readonly removedAt?: number;
}

/** A token of an account, with when this server stored it (the order of the list). */
export interface AccountToken {
  readonly token: StoredToken;
  /** ms since epoch, this server's clock. */
  readonly storedAt: number;
}

/** Where a page of an account's tokens starts: after this one (newest first). */
export interface AccountTokenCursor {
  readonly storedAt: number;
  readonly tokenId: string;
}

export interface AccountTokenQuery {
  readonly limit: number;
  readonly after?: AccountTokenCursor;
  /** Only ACTIVE tokens read in full (the shopper's saved cards). Removed tokens are always left out. */
  readonly activeOnly?: boolean;
}

/** What a finished create answered, replayed for the same key. */
export type IdempotentOutcome =
  | {
      readonly kind: 'created';
      readonly tokenId: string;
      readonly status: string;
      readonly createdAt: string;
    }
  | { readonly kind: 'failed'; readonly code: MerchantErrorCode; readonly message: string };

/** The answer to a claim on an idempotency key. */
export type IdempotencyClaim =
  /**
   * The key was free: the caller now owns it and must complete or release it. `intentRecorded`:
   * the claim also recorded the options' `intent` (otherwise the caller records it).
   */
  | { readonly state: 'claimed'; readonly intentRecorded?: true }
  /** The key is in use with another request body. */
  | { readonly state: 'mismatch' }
  /** Someone else owns the key and has not finished; `since` is when they claimed it. */
  | { readonly state: 'pending'; readonly since: number }
  /** The key's request finished; replay its outcome. */
  | { readonly state: 'done'; readonly outcome: IdempotentOutcome };

export interface ClaimOptions {
  /** ms since epoch. */
  readonly now: number;
  /** How long the key is remembered from its first use. */
  readonly ttlMs: number;
  /** Who claims it: the server instance's id (default `local`). */
  readonly owner?: string;
  /**
   * How long the claim holds unless its owner renews it (default `ttlMs`). A claim whose owner
   * died is resolved when this runs out: taken over if SmartPay was never called, otherwise
   * completed as `provider_outcome_unknown` (the key never starts a second create).
   */
  readonly leaseMs?: number;
  /**
   * The create this claim is for: a store may record its intent (as `recordCreateIntent` would,
   * with this owner and `now`) in the same write when it claims a free key, and say so.
   */
  readonly intent?: Pick<CreateIntent, 'accountReferenceId' | 'integrationFlow'>;
}

/** What is known of a create before SmartPay is called. */
export interface CreateIntent {
  readonly owner: string;
  readonly accountReferenceId: string;
  readonly integrationFlow: IntegrationFlow;
  readonly now: number;
}

export interface RateLimitRule {
  /** Requests allowed at once. */
  readonly limit: number;
  /** The time in which the whole allowance comes back (ms). */
  readonly windowMs: number;
}

/** Whether one more request fits the client's allowance, and if not, when it will. */
export type RateLimitDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

export interface ResumeQuery {
  readonly now: number;
  /** Tokens whose following began longer ago than this are not followed again. */
  readonly followForMs: number;
  /** Also tokens waiting for the shopper's card (PENDING_PAYMENT_FORM): on start, not in later sweeps. */
  readonly includeWaiting: boolean;
  /** A final token's onFinalStatus claimed longer ago than this and never marked ran is due again. */
  readonly hookRetryAfterMs: number;
  readonly limit: number;
}

/** What the periodic sweep removed. */
export interface SweepResult {
  readonly idempotencyKeys: number;
  readonly watchLeases: number;
  readonly rateLimitBuckets: number;
  /** Webhook events past retention, each with its deliveries and attempts. */
  readonly webhookEvents: number;
  /** Pending deliveries to retired endpoints, now failed (WEBHOOK_ENDPOINT_RETIRED_AFTER_MS). */
  readonly retiredDeliveries: number;
}

/**
 * An endpoint no instance has registered for this long is retired: it was taken out of every
 * instance's WEBHOOK_URL (one instance's list proves nothing during a rolling deploy). Events get
 * no delivery to it, its pending deliveries fail, and registering it again brings it back. Every
 * worker registers its endpoints when it starts and then every hour.
 */
export const WEBHOOK_ENDPOINT_RETIRED_AFTER_MS = 7 * 24 * 60 * 60_000;

/** How long webhook events are kept by default: 30 days. */
export const DEFAULT_WEBHOOK_RETENTION_MS = 30 * 24 * 60 * 60_000;

export interface SweepOptions {
  /**
   * Webhook events written at least this long ago whose deliveries are all final (delivered or
   * failed) are deleted, with their deliveries and attempts (DEFAULT_WEBHOOK_RETENTION_MS).
   */
  readonly webhookRetentionMs?: number;
}

export interface TokenStore {
  /**
   * Atomically claims `key` for a request whose body hashes to `fingerprint`, or reports who has
   * it. Exactly one of any number of concurrent claims for a free key gets `claimed`.
   */
  claimIdempotencyKey(key: string, fingerprint: string, options: ClaimOptions): Promise<IdempotencyClaim>;
  /**
   * Records, before SmartPay is called, that the owner of `key` is about to create a token. False
   * when the owner no longer holds the key (its lease ran out and another instance took it over):
   * then it must not call SmartPay.
   */
  recordCreateIntent(key: string, intent: CreateIntent): Promise<boolean>;
  /**
   * Records the outcome of a claimed key; later claims with the same fingerprint get it. With
   * `token`, the token is stored in the same transaction: a client told about a token can always
   * read it back. With `owner`, only that owner's claim is completed.
   */
  completeIdempotencyKey(
    key: string,
    outcome: IdempotentOutcome,
    options?: { readonly token?: StoredToken; readonly owner?: string; readonly now?: number },
  ): Promise<void>;
  /** Frees a claimed key whose request provably changed nothing, so it can be used again. */
  releaseIdempotencyKey(key: string, owner?: string): Promise<void>;

  /**
   * Inserts or replaces a token. A final status read in full is never replaced by anything else
   * (a slower, older read cannot undo it). Followers are told of a status change.
   */
  putToken(token: StoredToken): Promise<void>;
  getToken(tokenId: string): Promise<StoredToken | undefined>;
  /**
   * Calls `listener` with the token id whenever a stored status changes, on any instance. A token
   * first stored by `completeIdempotencyKey` (a create) is not announced: nobody can follow it
   * before the create's answer names it, and its later changes are.
   */
  onStatusChange(listener: (tokenId: string) => void): () => void;

  /**
   * Claims (or renews) the right to poll SmartPay for `tokenId` until `now + leaseMs`, so only one
   * poller runs per token even across server instances. True when `holder` has it.
   */
  claimWatch(tokenId: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the right up early (the holder stopped following). */
  releaseWatch(tokenId: string, holder: string): Promise<void>;
  /** Extends every lease `owner` holds, idempotency claims and watches, to `now + leaseMs`. */
  renewLeases(owner: string, now: number, leaseMs: number): Promise<void>;
  /**
   * Tokens nobody follows that need it: not final (and not waiting for a shopper, unless asked),
   * or final with onFinalStatus not yet run. Oldest first, at most `limit`.
   */
  tokensToResume(query: ResumeQuery): Promise<string[]>;

  /**
   * Claims the right to run onFinalStatus for a token whose final status was read in full: true
   * once, unless the claimant did not mark it ran within `retryAfterMs` (it died in the middle),
   * so the hook runs at least once and, unless a process dies during it, exactly once.
   */
  claimFinalHook(tokenId: string, now: number, retryAfterMs: number): Promise<boolean>;
  /** Records that onFinalStatus ran (or was not configured) for the token. */
  markFinalHookRan(tokenId: string, now: number): Promise<void>;

  /** Spends one request from the client's bucket (shared by every instance on this store). */
  spendRateLimit(clientKey: string, rule: RateLimitRule, now: number): Promise<RateLimitDecision>;

  /**
   * The account's tokens, newest first (by when they were stored, then id), removed ones left out.
   * Keyset-paged, so a page is stable while tokens are being created.
   */
  listAccountTokens(accountReferenceId: string, query: AccountTokenQuery): Promise<AccountToken[]>;
  /**
   * Removes a token here: its network token number is wiped, for good (later reads of SmartPay do
   * not bring it back), and it leaves the account's lists. With `accountReferenceId`, only that
   * account's token. False when there was no such token (or it was already removed).
   */
  removeToken(tokenId: string, now: number, accountReferenceId?: string): Promise<boolean>;

  /**
   * Makes sure each endpoint exists and notes that an instance delivers to it now: events written
   * from now on get a delivery to every enabled, unretired one. An endpoint disabled by a 410 stays
   * disabled until `redeliverWebhookEvent`.
   */
  registerWebhookEndpoints(urls: readonly string[], now: number): Promise<void>;
  /**
   * Claims due deliveries for the given endpoints (enabled, not claimed by a live worker), oldest
   * first, at most `limit`: no other worker gets them until `leaseMs` passed or the attempt is recorded.
   */
  claimWebhookDeliveries(query: DeliveryClaimQuery): Promise<ClaimedDelivery[]>;
  /** Records one attempt and the delivery's next state in one transaction. */
  recordWebhookAttempt(attempt: WebhookAttempt): Promise<void>;
  /** When the earliest pending delivery to one of `endpoints` is due (or its claim lapses); undefined if none. */
  nextWebhookDueAt(endpoints: readonly string[]): Promise<number | undefined>;
  /** Calls `listener` when new deliveries may be due (after the commit), on any instance. */
  onWebhookDue(listener: () => void): () => void;
  /** Events in the order they were written, after `afterSeq`, at most `limit`. */
  listWebhookEvents(afterSeq: number, limit: number): Promise<OutboxEvent[]>;
  /** Events with their deliveries and attempts, in the order of `eventIds`; unknown ids left out. */
  webhookEventRecords(eventIds: readonly string[]): Promise<EventRecord[]>;
  /**
   * Sends the event again, now, to every unretired endpoint (re-enabling one a 410 disabled), as
   * a fresh round of the retry schedule. False when there is no such event.
   */
  redeliverWebhookEvent(eventId: string, now: number): Promise<boolean>;

  /**
   * Deletes up to `limit` of each kind: expired idempotency keys, lapsed leases, full rate-limit
   * buckets, and webhook events past retention whose deliveries are all final; and fails up to
   * `limit` pending deliveries to retired endpoints.
   */
  sweep(now: number, limit: number, options?: SweepOptions): Promise<SweepResult>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
