/**
 * @module
 * Where the server keeps what it must remember: tokens (SmartPay's full view, server-side only),
 * idempotency keys, and who is polling which token. Every method is async and takes or returns
 * plain data, so a database can implement it the same way as memory does.
 */
import type { IntegrationFlow, MerchantErrorCode, NetworkToken } from '@smartpay/contract';

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
  /** The key was free: the caller now owns it and must complete or release it. */
  | { readonly state: 'claimed' }
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
}

export interface TokenStore {
  /**
   * Atomically claims `key` for a request whose body hashes to `fingerprint`, or reports who has
   * it. Exactly one of any number of concurrent claims for a free key gets `claimed`.
   */
  claimIdempotencyKey(key: string, fingerprint: string, options: ClaimOptions): Promise<IdempotencyClaim>;
  /** Records the outcome of a claimed key; later claims with the same fingerprint get it. */
  completeIdempotencyKey(key: string, outcome: IdempotentOutcome): Promise<void>;
  /** Frees a claimed key whose request provably changed nothing, so it can be used again. */
  releaseIdempotencyKey(key: string): Promise<void>;

  /** Inserts or replaces a token. */
  putToken(token: StoredToken): Promise<void>;
  getToken(tokenId: string): Promise<StoredToken | undefined>;

  /**
   * Claims (or renews) the right to poll SmartPay for `tokenId` until `now + leaseMs`, so only one
   * poller runs per token even across server instances. True when `holder` has it.
   */
  claimWatch(tokenId: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the right up early (the holder stopped following). */
  releaseWatch(tokenId: string, holder: string): Promise<void>;
}
