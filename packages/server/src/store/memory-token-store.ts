import { isFinalStatus } from '@smartpay/contract';
import type {
  ClaimOptions,
  CreateIntent,
  IdempotencyClaim,
  IdempotentOutcome,
  RateLimitDecision,
  RateLimitRule,
  ResumeQuery,
  StoredToken,
  SweepResult,
  TokenStore,
} from './token-store.js';

interface KeyRecord {
  fingerprint: string;
  owner: string;
  leaseUntil: number;
  claimedAt: number;
  expiresAt: number;
  intent?: CreateIntent;
  outcome?: IdempotentOutcome;
}

interface TokenRecord {
  token: StoredToken;
  hookStartedAt?: number;
  hookRanAt?: number;
}

/** How often expired keys and leases are swept by claims (ms); `sweep()` does it at once. */
const SWEEP_EVERY_MS = 60_000;
/** Rate-limit buckets kept at most; past this, the least recently used are forgotten first. */
const MAX_BUCKETS = 10_000;
const DEFAULT_OWNER = 'local';

/** The outcome a key gets when its owner died after calling SmartPay. */
export const ABANDONED_CREATE: IdempotentOutcome = {
  kind: 'failed',
  code: 'provider_outcome_unknown',
  message:
    'The server stopped while SmartPay was creating this token; whether it was created is unknown. ' +
    'Start again with a new Idempotency-Key.',
};

/** Whether a stored token may be replaced by `next`: a final status read in full is kept. */
export function mayReplace(previous: StoredToken | undefined, next: StoredToken): boolean {
  if (!previous?.fullView || !isFinalStatus(previous.token.status)) return true;
  return next.fullView && isFinalStatus(next.token.status);
}

/**
 * A TokenStore in process memory: for tests, development and a single instance that may forget
 * everything on restart (`store: new MemoryTokenStore()`). Nothing bounds the number of tokens
 * kept. Values are copied in and out, as a database would, so callers cannot change stored state
 * by accident.
 */
export class MemoryTokenStore implements TokenStore {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly leases = new Map<string, { holder: string; until: number }>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly statusListeners = new Set<(tokenId: string) => void>();
  private lastSweep = 0;

  async claimIdempotencyKey(
    key: string,
    fingerprint: string,
    options: ClaimOptions,
  ): Promise<IdempotencyClaim> {
    const { now, ttlMs } = options;
    if (now - this.lastSweep >= SWEEP_EVERY_MS) await this.sweep(now, Number.POSITIVE_INFINITY);
    const owner = options.owner ?? DEFAULT_OWNER;
    const leaseUntil = now + (options.leaseMs ?? ttlMs);
    const record = this.keys.get(key);
    if (!record || record.expiresAt <= now) {
      this.keys.set(key, { fingerprint, owner, leaseUntil, claimedAt: now, expiresAt: now + ttlMs });
      return { state: 'claimed' };
    }
    if (record.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (record.outcome) return { state: 'done', outcome: structuredClone(record.outcome) };
    if (record.leaseUntil > now) return { state: 'pending', since: record.claimedAt };
    // The owner died: SmartPay may have been called (intent) or certainly was not.
    if (record.intent) {
      record.outcome = ABANDONED_CREATE;
      return { state: 'done', outcome: structuredClone(ABANDONED_CREATE) };
    }
    Object.assign(record, { owner, leaseUntil, claimedAt: now });
    return { state: 'claimed' };
  }

  async recordCreateIntent(key: string, intent: CreateIntent): Promise<boolean> {
    const record = this.keys.get(key);
    if (!record || record.owner !== intent.owner || record.outcome) return false;
    record.intent = { ...intent };
    return true;
  }

  async completeIdempotencyKey(
    key: string,
    outcome: IdempotentOutcome,
    options: { token?: StoredToken; owner?: string } = {},
  ): Promise<void> {
    if (options.token) await this.putToken(options.token);
    const record = this.keys.get(key);
    if (record && (options.owner === undefined || record.owner === options.owner)) {
      record.outcome = structuredClone(outcome);
    }
  }

  async releaseIdempotencyKey(key: string, owner?: string): Promise<void> {
    const record = this.keys.get(key);
    if (record && !record.outcome && (owner === undefined || record.owner === owner)) this.keys.delete(key);
  }

  async putToken(token: StoredToken): Promise<void> {
    const record = this.tokens.get(token.tokenId);
    if (!mayReplace(record?.token, token)) return;
    const previousStatus = record?.token.token.status;
    this.tokens.set(token.tokenId, { ...record, token: structuredClone(token) });
    if (previousStatus !== token.token.status) {
      for (const listener of this.statusListeners) listener(token.tokenId);
    }
  }

  async getToken(tokenId: string): Promise<StoredToken | undefined> {
    const record = this.tokens.get(tokenId);
    return record && structuredClone(record.token);
  }

  onStatusChange(listener: (tokenId: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async claimWatch(tokenId: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const lease = this.leases.get(tokenId);
    if (lease && lease.holder !== holder && lease.until > now) return false;
    this.leases.set(tokenId, { holder, until: now + leaseMs });
    return true;
  }

  async releaseWatch(tokenId: string, holder: string): Promise<void> {
    if (this.leases.get(tokenId)?.holder === holder) this.leases.delete(tokenId);
  }

  async renewLeases(owner: string, now: number, leaseMs: number): Promise<void> {
    for (const lease of this.leases.values()) if (lease.holder === owner) lease.until = now + leaseMs;
    for (const record of this.keys.values()) {
      if (record.owner === owner && !record.outcome) record.leaseUntil = now + leaseMs;
    }
  }

  async tokensToResume(query: ResumeQuery): Promise<string[]> {
    const found: StoredToken[] = [];
    for (const [tokenId, record] of this.tokens) {
      const lease = this.leases.get(tokenId);
      if ((lease && lease.until > query.now) || record.hookRanAt !== undefined) continue;
      const { token } = record;
      const wanted = isFinalStatus(token.token.status)
        ? record.hookStartedAt === undefined || record.hookStartedAt <= query.now - query.hookRetryAfterMs
        : token.followEnded === undefined &&
          token.followSince > query.now - query.followForMs &&
          (query.includeWaiting || token.token.status !== 'PENDING_PAYMENT_FORM');
      if (wanted) found.push(token);
    }
    return found
      .sort((a, b) => a.followSince - b.followSince)
      .slice(0, query.limit)
      .map((token) => token.tokenId);
  }

  async claimFinalHook(tokenId: string, now: number, retryAfterMs: number): Promise<boolean> {
    const record = this.tokens.get(tokenId);
    if (!record?.token.fullView || !isFinalStatus(record.token.token.status)) return false;
    if (record.hookRanAt !== undefined) return false;
    if (record.hookStartedAt !== undefined && record.hookStartedAt > now - retryAfterMs) return false;
    record.hookStartedAt = now;
    return true;
  }

  async markFinalHookRan(tokenId: string, now: number): Promise<void> {
    const record = this.tokens.get(tokenId);
    if (record?.hookStartedAt !== undefined) record.hookRanAt ??= now;
  }

  async spendRateLimit(clientKey: string, rule: RateLimitRule, now: number): Promise<RateLimitDecision> {
    const perMs = rule.limit / rule.windowMs;
    const bucket = this.buckets.get(clientKey) ?? { tokens: rule.limit, at: now };
    bucket.tokens = Math.min(rule.limit, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.delete(clientKey); // re-insert, so the map stays in least-recently-used order
    this.buckets.set(clientKey, bucket);
    if (this.buckets.size > MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens < 1) return { allowed: false, retryAfterMs: (1 - bucket.tokens) / perMs };
    bucket.tokens -= 1;
    return { allowed: true };
  }

  async sweep(now: number, limit: number): Promise<SweepResult> {
    this.lastSweep = now;
    const removeFrom = <V>(map: Map<string, V>, expired: (value: V) => boolean) => {
      let removed = 0;
      for (const [key, value] of map) {
        if (removed >= limit) break;
        if (expired(value)) {
          map.delete(key);
          removed++;
        }
      }
      return removed;
    };
    return {
      idempotencyKeys: removeFrom(this.keys, (record) => record.expiresAt <= now),
      watchLeases: removeFrom(this.leases, (lease) => lease.until <= now),
      rateLimitBuckets: 0, // bounded by MAX_BUCKETS instead
    };
  }

  async close(): Promise<void> {
    this.statusListeners.clear();
  }
}
