import type {
  ClaimOptions,
  IdempotencyClaim,
  IdempotentOutcome,
  StoredToken,
  TokenStore,
} from './token-store.js';

interface KeyRecord {
  fingerprint: string;
  claimedAt: number;
  expiresAt: number;
  outcome?: IdempotentOutcome;
}

/** How often expired keys and leases are swept (ms). */
const SWEEP_EVERY_MS = 60_000;

/**
 * A TokenStore in process memory: for development, tests and a single instance. Everything is
 * lost on restart, and nothing bounds the number of tokens kept. Values are copied in and out,
 * as a database would, so callers cannot change stored state by accident.
 */
export class MemoryTokenStore implements TokenStore {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly tokens = new Map<string, StoredToken>();
  private readonly leases = new Map<string, { holder: string; until: number }>();
  private lastSweep = 0;

  async claimIdempotencyKey(
    key: string,
    fingerprint: string,
    options: ClaimOptions,
  ): Promise<IdempotencyClaim> {
    this.sweep(options.now);
    const record = this.keys.get(key);
    if (!record || record.expiresAt <= options.now) {
      this.keys.set(key, { fingerprint, claimedAt: options.now, expiresAt: options.now + options.ttlMs });
      return { state: 'claimed' };
    }
    if (record.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (!record.outcome) return { state: 'pending', since: record.claimedAt };
    return { state: 'done', outcome: structuredClone(record.outcome) };
  }

  async completeIdempotencyKey(key: string, outcome: IdempotentOutcome): Promise<void> {
    const record = this.keys.get(key);
    if (record) record.outcome = structuredClone(outcome);
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    const record = this.keys.get(key);
    if (record && !record.outcome) this.keys.delete(key);
  }

  async putToken(token: StoredToken): Promise<void> {
    this.tokens.set(token.tokenId, structuredClone(token));
  }

  async getToken(tokenId: string): Promise<StoredToken | undefined> {
    const token = this.tokens.get(tokenId);
    return token && structuredClone(token);
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

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, record] of this.keys) if (record.expiresAt <= now) this.keys.delete(key);
    for (const [tokenId, lease] of this.leases) if (lease.until <= now) this.leases.delete(tokenId);
  }
}
