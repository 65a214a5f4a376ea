import { randomUUID } from 'node:crypto';
import { isFinalStatus, type WebhookEventType } from '@smartpay/contract';
import { toPublicToken } from '../tokens/public-token.js';
import type {
  AccountToken,
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
} from './token-store.js';
import { DEFAULT_WEBHOOK_RETENTION_MS, WEBHOOK_ENDPOINT_RETIRED_AFTER_MS } from './token-store.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryClaimQuery,
  DeliveryState,
  EventRecord,
  OutboxEvent,
  WebhookAttempt,
} from './webhook-outbox.js';

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
  storedAt: number;
  hookStartedAt?: number;
  hookRanAt?: number;
}

interface DeliveryRecord {
  state: DeliveryState['state'];
  attempts: number;
  step: number;
  nextAttemptAt: number | null;
  leaseUntil: number;
}

interface EventEntry {
  event: OutboxEvent;
  /** By endpoint. */
  deliveries: Map<string, DeliveryRecord>;
  attempts: AttemptRecord[];
}

/** Whether `token` is a final status read in full (what active and failed events announce). */
const finalInFull = (token: StoredToken | undefined) =>
  token?.fullView === true && isFinalStatus(token.token.status);

/** The webhook events a change from `previous` to `next` causes, in order. */
export function eventsCaused(previous: StoredToken | undefined, next: StoredToken): WebhookEventType[] {
  if (!next.accountReferenceId) return [];
  const types: WebhookEventType[] = [];
  if (!previous) types.push('network_token.created');
  if (finalInFull(next) && !finalInFull(previous)) {
    types.push(next.token.status === 'ACTIVE' ? 'network_token.active' : 'network_token.failed');
  }
  return types;
}

/** A webhook event id: `evt_` and 32 hex digits. */
export const newEventId = () => `evt_${randomUUID().replace(/-/g, '')}`;

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
  private readonly webhookListeners = new Set<() => void>();
  /** Webhook endpoint URL → when a 410 disabled it (undefined: enabled). */
  private readonly endpoints = new Map<string, number | undefined>();
  /** Webhook endpoint URL → when an instance last registered it (see WEBHOOK_ENDPOINT_RETIRED_AFTER_MS). */
  private readonly endpointsSeen = new Map<string, number>();
  private readonly events = new Map<string, EventEntry>();
  private eventSeq = 0;
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
      const claimed = { fingerprint, owner, leaseUntil, claimedAt: now, expiresAt: now + ttlMs };
      if (!options.intent) {
        this.keys.set(key, claimed);
        return { state: 'claimed' };
      }
      this.keys.set(key, { ...claimed, intent: { ...options.intent, owner, now } });
      return { state: 'claimed', intentRecorded: true };
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
    options: { token?: StoredToken; owner?: string; now?: number } = {},
  ): Promise<void> {
    if (options.token) this.storeToken(options.token, options.now ?? Date.now(), false);
    const record = this.keys.get(key);
    if (record && (options.owner === undefined || record.owner === options.owner)) {
      record.outcome = structuredClone(outcome);
    }
  }

  async releaseIdempotencyKey(key: string, owner?: string): Promise<void> {
    const record = this.keys.get(key);
    if (record && !record.outcome && (owner === undefined || record.owner === owner)) this.keys.delete(key);
  }

  async putToken(token: StoredToken, now = Date.now()): Promise<void> {
    this.storeToken(token, now, true);
  }

  /** `announceNew`: whether a token not stored before counts as a status change (see onStatusChange). */
  private storeToken(token: StoredToken, now: number, announceNew: boolean): void {
    const record = this.tokens.get(token.tokenId);
    if (!mayReplace(record?.token, token)) return;
    const previousStatus = record?.token.token.status;
    const { removedAt: _ignored, ...next } = structuredClone(token);
    const accountReferenceId = next.accountReferenceId ?? record?.token.accountReferenceId;
    const kept: StoredToken = {
      ...next,
      ...(accountReferenceId ? { accountReferenceId } : {}),
      ...(record?.token.removedAt !== undefined ? { removedAt: record.token.removedAt } : {}),
    };
    const stored = kept.removedAt === undefined ? kept : withoutTokenNumber(kept);
    this.tokens.set(token.tokenId, { ...record, storedAt: record?.storedAt ?? now, token: stored });
    const caused = eventsCaused(record?.token, stored);
    for (const type of caused) this.writeEvent(type, stored, now);
    if (previousStatus !== token.token.status && (record || announceNew)) {
      for (const listener of this.statusListeners) listener(token.tokenId);
    }
    if (caused.length > 0 && this.endpoints.size > 0) {
      for (const listener of this.webhookListeners) listener();
    }
  }

  private writeEvent(type: WebhookEventType, token: StoredToken, now: number): void {
    const event: OutboxEvent = {
      id: newEventId(),
      seq: ++this.eventSeq,
      type,
      tokenId: token.tokenId,
      accountReferenceId: token.accountReferenceId as string,
      status: token.token.status,
      card: toPublicToken(token.token).card ?? null,
      createdAt: now,
    };
    const deliveries = new Map<string, DeliveryRecord>();
    for (const [url, disabledAt] of this.endpoints) {
      if (disabledAt === undefined && !this.retired(url, now)) deliveries.set(url, pendingDelivery(now));
    }
    this.events.set(event.id, { event, deliveries, attempts: [] });
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

  async listAccountTokens(accountReferenceId: string, query: AccountTokenQuery): Promise<AccountToken[]> {
    const { after } = query;
    const found: AccountToken[] = [];
    for (const { token, storedAt } of this.tokens.values()) {
      if (token.accountReferenceId !== accountReferenceId || token.removedAt !== undefined) continue;
      if (query.activeOnly && !(token.fullView && token.token.status === 'ACTIVE')) continue;
      if (after && !isBefore({ storedAt, tokenId: token.tokenId }, after)) continue;
      found.push({ token: structuredClone(token), storedAt });
    }
    const place = (entry: AccountToken) => ({ storedAt: entry.storedAt, tokenId: entry.token.tokenId });
    return found.sort((a, b) => (isBefore(place(a), place(b)) ? 1 : -1)).slice(0, query.limit);
  }

  async removeToken(tokenId: string, now: number, accountReferenceId?: string): Promise<boolean> {
    const record = this.tokens.get(tokenId);
    if (!record || record.token.removedAt !== undefined) return false;
    if (accountReferenceId !== undefined && record.token.accountReferenceId !== accountReferenceId)
      return false;
    record.token = { ...withoutTokenNumber(record.token), removedAt: now };
    return true;
  }

  async registerWebhookEndpoints(urls: readonly string[], now: number): Promise<void> {
    for (const url of urls) {
      if (!this.endpoints.has(url)) this.endpoints.set(url, undefined);
      this.endpointsSeen.set(url, Math.max(now, this.endpointsSeen.get(url) ?? now));
    }
  }

  private retired(url: string, now: number): boolean {
    return (this.endpointsSeen.get(url) ?? 0) <= now - WEBHOOK_ENDPOINT_RETIRED_AFTER_MS;
  }

  private enabled(endpoints: readonly string[]): Set<string> {
    return new Set(
      endpoints.filter((url) => this.endpoints.has(url) && this.endpoints.get(url) === undefined),
    );
  }

  async claimWebhookDeliveries(query: DeliveryClaimQuery): Promise<ClaimedDelivery[]> {
    const enabled = this.enabled(query.endpoints);
    const due: { entry: EventEntry; endpoint: string; delivery: DeliveryRecord }[] = [];
    for (const entry of this.events.values()) {
      for (const [endpoint, delivery] of entry.deliveries) {
        if (!enabled.has(endpoint) || delivery.state !== 'pending') continue;
        if ((delivery.nextAttemptAt as number) > query.now || delivery.leaseUntil > query.now) continue;
        due.push({ entry, endpoint, delivery });
      }
    }
    due.sort(
      (a, b) =>
        (a.delivery.nextAttemptAt as number) - (b.delivery.nextAttemptAt as number) ||
        a.entry.event.seq - b.entry.event.seq,
    );
    return due
      .slice(0, query.limit)
      .sort((a, b) => a.entry.event.seq - b.entry.event.seq)
      .map(({ entry, endpoint, delivery }) => {
        delivery.leaseUntil = query.now + query.leaseMs;
        return {
          event: structuredClone(entry.event),
          endpoint,
          attempts: delivery.attempts,
          step: delivery.step,
        };
      });
  }

  async recordWebhookAttempt(attempt: WebhookAttempt): Promise<void> {
    const entry = this.events.get(attempt.eventId);
    const delivery = entry?.deliveries.get(attempt.endpoint);
    if (!entry || !delivery) return;
    const { next } = attempt;
    delivery.attempts += 1;
    delivery.step += 1;
    delivery.leaseUntil = 0;
    delivery.state = next.state === 'endpoint_gone' ? 'pending' : next.state;
    delivery.nextAttemptAt =
      next.state === 'pending' ? next.at : next.state === 'endpoint_gone' ? attempt.at : null;
    entry.attempts.push({
      endpoint: attempt.endpoint,
      attempt: delivery.attempts,
      at: attempt.at,
      durationMs: Math.max(0, Math.round(attempt.durationMs)),
      httpStatus: attempt.httpStatus,
      error: attempt.error?.slice(0, 200) ?? null,
    });
    if (next.state === 'endpoint_gone' && this.endpoints.get(attempt.endpoint) === undefined) {
      this.endpoints.set(attempt.endpoint, attempt.at);
    }
  }

  async nextWebhookDueAt(endpoints: readonly string[]): Promise<number | undefined> {
    const enabled = this.enabled(endpoints);
    let earliest: number | undefined;
    for (const entry of this.events.values()) {
      for (const [endpoint, delivery] of entry.deliveries) {
        if (!enabled.has(endpoint) || delivery.state !== 'pending') continue;
        const due = Math.max(delivery.nextAttemptAt as number, delivery.leaseUntil);
        if (earliest === undefined || due < earliest) earliest = due;
      }
    }
    return earliest;
  }

  onWebhookDue(listener: () => void): () => void {
    this.webhookListeners.add(listener);
    return () => this.webhookListeners.delete(listener);
  }

  /** An event gets its seq and is stored in one synchronous step: no lower seq can show up later. */
  async listWebhookEvents(afterSeq: number, limit: number): Promise<OutboxEvent[]> {
    const found: OutboxEvent[] = [];
    for (const { event } of this.events.values()) {
      if (found.length >= limit) break;
      if (event.seq > afterSeq) found.push(structuredClone(event));
    }
    return found;
  }

  async webhookEventRecords(eventIds: readonly string[]): Promise<EventRecord[]> {
    return eventIds.flatMap((id) => {
      const entry = this.events.get(id);
      if (!entry) return [];
      const deliveries = [...entry.deliveries]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(
          ([endpoint, delivery]): DeliveryState => ({
            endpoint,
            state: delivery.state,
            attempts: delivery.attempts,
            nextAttemptAt: delivery.nextAttemptAt,
          }),
        );
      return [{ event: structuredClone(entry.event), deliveries, attempts: structuredClone(entry.attempts) }];
    });
  }

  async redeliverWebhookEvent(eventId: string, now: number): Promise<boolean> {
    const entry = this.events.get(eventId);
    if (!entry) return false;
    for (const url of this.endpoints.keys()) {
      if (this.retired(url, now)) continue;
      this.endpoints.set(url, undefined);
      const delivery = entry.deliveries.get(url);
      if (!delivery) entry.deliveries.set(url, pendingDelivery(now));
      else Object.assign(delivery, { state: 'pending', step: 0, nextAttemptAt: now, leaseUntil: 0 });
    }
    if (this.endpoints.size > 0) for (const listener of this.webhookListeners) listener();
    return true;
  }

  async sweep(now: number, limit: number, options: SweepOptions = {}): Promise<SweepResult> {
    const writtenBefore = now - (options.webhookRetentionMs ?? DEFAULT_WEBHOOK_RETENTION_MS);
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
    let retiredDeliveries = 0;
    for (const entry of this.events.values()) {
      for (const [url, delivery] of entry.deliveries) {
        if (retiredDeliveries >= limit) break;
        if (delivery.state === 'pending' && this.retired(url, now)) {
          Object.assign(delivery, { state: 'failed', nextAttemptAt: null });
          retiredDeliveries++;
        }
      }
    }
    return {
      retiredDeliveries,
      idempotencyKeys: removeFrom(this.keys, (record) => record.expiresAt <= now),
      watchLeases: removeFrom(this.leases, (lease) => lease.until <= now),
      rateLimitBuckets: 0, // bounded by MAX_BUCKETS instead
      webhookEvents: removeFrom(
        this.events,
        (entry) =>
          entry.event.createdAt <= writtenBefore &&
          [...entry.deliveries.values()].every((delivery) => delivery.state !== 'pending'),
      ),
    };
  }

  async close(): Promise<void> {
    this.statusListeners.clear();
    this.webhookListeners.clear();
  }
}

const pendingDelivery = (now: number): DeliveryRecord => ({
  state: 'pending',
  attempts: 0,
  step: 0,
  nextAttemptAt: now,
  leaseUntil: 0,
});

/** Newest first: whether `a` comes after `b` in an account's list. */
const isBefore = (a: { storedAt: number; tokenId: string }, b: { storedAt: number; tokenId: string }) =>
  a.storedAt < b.storedAt || (a.storedAt === b.storedAt && a.tokenId < b.tokenId);

function withoutTokenNumber(token: StoredToken): StoredToken {
  const networkToken = token.token.networkToken;
  if (!networkToken) return token;
  const { tokenNumber: _wiped, ...rest } = networkToken;
  return { ...token, token: { ...token.token, networkToken: rest } };
}
