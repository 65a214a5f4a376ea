/**
 * @module
 * The durable TokenStore: plain parameterised SQL that runs the same on PGlite and PostgreSQL
 * (see migrations/ for the tables and the invariants the database itself enforces).
 */
import type { IntegrationFlow, NetworkToken, PublicCard, WebhookEventType } from '@smartpay/contract';
import { toPublicToken } from '../../tokens/public-token.js';
import { ABANDONED_CREATE } from '../memory-token-store.js';
import type { TokenCipher } from '../token-cipher.js';
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
} from '../token-store.js';
import { DEFAULT_WEBHOOK_RETENTION_MS, WEBHOOK_ENDPOINT_RETIRED_AFTER_MS } from '../token-store.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryClaimQuery,
  DeliveryState,
  EventRecord,
  OutboxEvent,
  WebhookAttempt,
} from '../webhook-outbox.js';
import { prepared, type SqlExecutor } from './executor.js';

const FINAL = `('ACTIVE', 'ERROR')`;
/** Slack between a writer's start and a row's clock reading, both on the database's clock (ms). */
const CLOCK_MARGIN_MS = 100;
const DEFAULT_OWNER = 'local';

interface TokenRow {
  token_id: string;
  account_reference_id: string | null;
  integration_flow: IntegrationFlow | null;
  view: NetworkToken | string;
  token_number_key_id: string | null;
  token_number_iv: Uint8Array | null;
  token_number_sealed: Uint8Array | null;
  full_view: boolean;
  checked_at: string | number;
  follow_since: string | number;
  follow_ended: 'timeout' | 'gone' | null;
  removed_at: string | number | null;
  created_at: string | number;
}

interface EventRow {
  event_id: string;
  seq: string | number;
  type: WebhookEventType;
  token_id: string;
  account_reference_id: string;
  status: string;
  card: PublicCard | string | null;
  created_at: string | number;
}

const toEvent = (row: EventRow): OutboxEvent => ({
  id: row.event_id,
  seq: Number(row.seq),
  type: row.type,
  tokenId: row.token_id,
  accountReferenceId: row.account_reference_id,
  status: row.status,
  card: row.card === null ? null : asJson<PublicCard>(row.card),
  createdAt: Number(row.created_at),
});

/** `$1::jsonb` holding a JSON array of text, as a set: arrays as parameters work alike on both engines. */
const textSet = (n: number) => `(SELECT jsonb_array_elements_text($${n}::jsonb))`;

interface KeyRow {
  fingerprint: string;
  lease_until: string | number;
  created_at: string | number;
  expires_at: string | number;
  outcome: 'created' | 'failed' | null;
  token_id: string | null;
  outcome_status: string | null;
  outcome_created_at: string | null;
  failure_code: string | null;
  failure_message: string | null;
  has_intent: boolean;
}

const asJson = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function outcomeOf(row: KeyRow): IdempotentOutcome {
  if (row.outcome === 'created') {
    return {
      kind: 'created',
      tokenId: row.token_id as string,
      status: row.outcome_status as string,
      createdAt: row.outcome_created_at as string,
    };
  }
  return {
    kind: 'failed',
    code: row.failure_code as Extract<IdempotentOutcome, { kind: 'failed' }>['code'],
    message: row.failure_message as string,
  };
}

/**
 * The CTEs that upsert a token (keeping a final full view; never bringing back the number of a
 * removed one), notify every instance when its status changed, and write the webhook events the
 * change causes with their deliveries, all in the one statement's transaction. `select` reads
 * the CTEs that only run when read. Its parameters (`tokenParams`) are numbered after `offset`.
 */
function upsertTokenSql(offset: number, announceNew: boolean): { ctes: string; select: string } {
  const $ = (n: number) => `$${n + offset}`;
  // A token that was not stored before is announced only when asked (see onStatusChange).
  const announced = announceNew ? '' : 'EXISTS (SELECT 1 FROM previous) AND ';
  const ctes = `previous AS (SELECT status, full_view FROM tokens WHERE token_id = ${$(1)}),
       written AS (
         INSERT INTO tokens (token_id, account_reference_id, integration_flow, status, view,
           token_number_key_id, token_number_iv, token_number_sealed, full_view, checked_at, follow_since,
           follow_ended, created_at, updated_at)
         VALUES (${$(1)}, ${$(2)}::uuid, ${$(3)}, ${$(4)}, ${$(5)}::jsonb, ${$(6)}, ${$(7)}::bytea, ${$(8)}::bytea,
           ${$(9)}::boolean, ${$(10)}::bigint, ${$(11)}::bigint, ${$(12)}, ${$(13)}::bigint, ${$(13)}::bigint)
         ON CONFLICT (token_id) DO UPDATE SET
           account_reference_id = coalesce(excluded.account_reference_id, tokens.account_reference_id),
           integration_flow = coalesce(excluded.integration_flow, tokens.integration_flow),
           status = excluded.status, view = excluded.view,
           token_number_key_id = CASE WHEN tokens.removed_at IS NULL THEN excluded.token_number_key_id END,
           token_number_iv = CASE WHEN tokens.removed_at IS NULL THEN excluded.token_number_iv END,
           token_number_sealed = CASE WHEN tokens.removed_at IS NULL THEN excluded.token_number_sealed END,
           full_view = excluded.full_view,
           checked_at = excluded.checked_at, follow_since = excluded.follow_since,
           follow_ended = excluded.follow_ended, updated_at = excluded.updated_at
         WHERE NOT (tokens.full_view AND tokens.status IN ${FINAL})
            OR (excluded.full_view AND excluded.status IN ${FINAL})
         RETURNING token_id, account_reference_id, status, full_view
       ),
       notified AS (
         SELECT pg_notify(${$(14)}, ${$(1)}) FROM written
         WHERE ${announced}written.status IS DISTINCT FROM (SELECT status FROM previous)
       ),
       events AS (
         INSERT INTO webhook_events (event_id, type, token_id, account_reference_id, status, card, created_at)
         SELECT 'evt_' || replace(gen_random_uuid()::text, '-', ''), cause.type, w.token_id,
           w.account_reference_id, w.status, ${$(15)}::jsonb, ${$(13)}::bigint
         FROM written w CROSS JOIN LATERAL (VALUES
           (1, 'network_token.created', NOT EXISTS (SELECT 1 FROM previous)),
           (2, CASE w.status WHEN 'ACTIVE' THEN 'network_token.active' ELSE 'network_token.failed' END,
             w.full_view AND w.status IN ${FINAL}
             AND NOT coalesce((SELECT p.full_view AND p.status IN ${FINAL} FROM previous p), false))
         ) AS cause (rank, type, happened)
         WHERE cause.happened AND w.account_reference_id IS NOT NULL
         ORDER BY cause.rank
         RETURNING event_id, seq
       ),
       deliveries AS (
         INSERT INTO webhook_deliveries (event_id, endpoint, seq, state, next_attempt_at)
         SELECT e.event_id, p.url, e.seq, 'pending', ${$(13)}::bigint
         FROM events e CROSS JOIN webhook_endpoints p
         WHERE p.disabled_at IS NULL AND p.seen_at > ${$(13)}::bigint - ${WEBHOOK_ENDPOINT_RETIRED_AFTER_MS}
         RETURNING 1
       ),
       outbox_notified AS (
         SELECT pg_notify(${$(16)}, '') WHERE EXISTS (SELECT 1 FROM deliveries)
       )`;
  return {
    ctes,
    select: '(SELECT count(*) FROM notified) AS notified, (SELECT count(*) FROM outbox_notified) AS outbox',
  };
}

const PUT_TOKEN = (() => {
  const { ctes, select } = upsertTokenSql(0, true);
  return prepared('smartpay_put_token', `WITH ${ctes} SELECT ${select}`);
})();

/** The outcome of a claimed key: parameters $1..$9. */
const COMPLETE_KEY_SQL = `UPDATE idempotency_keys SET outcome = $2, token_id = $3, outcome_status = $4,
    outcome_created_at = $5, failure_code = $6, failure_message = $7, completed_at = $8::bigint
  WHERE idempotency_key = $1 AND ($9::text IS NULL OR owner = $9) RETURNING 1`;
const COMPLETE_KEY = prepared('smartpay_complete_key', COMPLETE_KEY_SQL);
const COMPLETE_KEY_PARAMS = 9;

/** The token and the key's outcome in one statement, so one atomic commit and one round trip. */
const COMPLETE_KEY_WITH_TOKEN = (() => {
  const { ctes, select } = upsertTokenSql(COMPLETE_KEY_PARAMS, false);
  return prepared(
    'smartpay_complete_key_with_token',
    `WITH ${ctes}, completed AS (${COMPLETE_KEY_SQL})
     SELECT ${select}, (SELECT count(*) FROM completed) AS completed`,
  );
})();

const CLAIM_KEY = prepared(
  'smartpay_claim_key',
  `INSERT INTO idempotency_keys
     (idempotency_key, fingerprint, owner, lease_until, created_at, expires_at)
   VALUES ($1, $2, $3, $4::bigint, $5::bigint, $6::bigint)
   ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1 AS claimed`,
);

/** A free key claimed and the create's intent recorded, in one statement: $1..$6 as CLAIM_KEY. */
const CLAIM_KEY_WITH_INTENT = prepared(
  'smartpay_claim_key_with_intent',
  `WITH claimed AS (
     INSERT INTO idempotency_keys
       (idempotency_key, fingerprint, owner, lease_until, created_at, expires_at)
     VALUES ($1, $2, $3, $4::bigint, $5::bigint, $6::bigint)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key, owner
   ),
   recorded AS (
     INSERT INTO create_intents (idempotency_key, owner, account_reference_id, integration_flow, started_at)
     SELECT idempotency_key, owner, $7::uuid, $8, $5::bigint FROM claimed RETURNING 1
   )
   SELECT 1 AS claimed FROM claimed WHERE EXISTS (SELECT 1 FROM recorded)`,
);

const RECORD_INTENT = prepared(
  'smartpay_record_intent',
  // The key row is locked, so a take-over (which needs "no intent") cannot slip in between. It is
  // found by its primary key alone: with the owner in the same WHERE, the planner may pick the
  // in-flight index and walk every key the owner ever had that vacuum has not cleared yet.
  `WITH key AS (
     SELECT idempotency_key, owner, outcome FROM idempotency_keys WHERE idempotency_key = $1 FOR UPDATE
   )
   INSERT INTO create_intents (idempotency_key, owner, account_reference_id, integration_flow, started_at)
   SELECT idempotency_key, owner, $3::uuid, $4, $5::bigint FROM key WHERE owner = $2 AND outcome IS NULL
   ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1 AS recorded`,
);

/** Refilled since the last request, capped at the limit; clocks of instances may differ a little. */
const REFILLED = `least($2::float8, rate_limit_buckets.tokens
  + greatest(0, $3::bigint - rate_limit_buckets.refilled_at) * $4::float8)`;
/** Spends $5 requests at once: as many as the bucket holds whole tokens for, first come first served. */
const SPEND_RATE_LIMIT = prepared(
  'smartpay_spend_rate_limit',
  `INSERT INTO rate_limit_buckets (client_hash, tokens, refilled_at, last_granted)
   VALUES ($1, $2::float8 - least($5::integer, floor($2::float8)), $3::bigint,
     least($5::integer, floor($2::float8))::integer)
   ON CONFLICT (client_hash) DO UPDATE SET tokens = ${REFILLED} - least($5::integer, floor(${REFILLED})),
     last_granted = least($5::integer, floor(${REFILLED}))::integer, refilled_at = $3::bigint
   WHERE ${REFILLED} >= 1
   RETURNING last_granted AS granted, tokens`,
);

/** A request waiting for its rate-limit decision. */
interface PendingSpend {
  readonly rule: RateLimitRule;
  readonly now: number;
  resolve(decision: RateLimitDecision): void;
  reject(error: unknown): void;
}

export class SqlTokenStore implements TokenStore {
  private readonly listeners = new Set<(tokenId: string) => void>();
  private readonly webhookListeners = new Set<() => void>();
  /** Per client with a rate-limit statement in flight: the spends that wait for the next one. */
  private readonly spendsWaiting = new Map<string, PendingSpend[]>();
  private unlisten: (() => Promise<void>) | undefined;
  private unlistenOutbox: (() => Promise<void>) | undefined;

  /**
   * @param executor where the SQL runs; the tables must exist (see `migrate`).
   * @param cipher seals the network token number.
   * @param channel the NOTIFY channel for status changes (one per schema).
   * @param outboxChannel the NOTIFY channel for new due webhook deliveries (one per schema).
   */
  constructor(
    private readonly executor: SqlExecutor,
    private readonly cipher: TokenCipher,
    private readonly channel: string,
    private readonly outboxChannel = `${channel.slice(0, 56)}_outbox`,
  ) {}

  /** Starts hearing status changes from every instance (LISTEN). */
  async start(): Promise<void> {
    this.unlisten = await this.executor.listen(this.channel, (tokenId) => {
      for (const listener of this.listeners) listener(tokenId);
    });
    this.unlistenOutbox = await this.executor.listen(this.outboxChannel, () => {
      for (const listener of this.webhookListeners) listener();
    });
  }

  async claimIdempotencyKey(
    key: string,
    fingerprint: string,
    options: ClaimOptions,
  ): Promise<IdempotencyClaim> {
    const { now, ttlMs } = options;
    const owner = options.owner ?? DEFAULT_OWNER;
    const leaseUntil = now + (options.leaseMs ?? ttlMs);
    const insert = CLAIM_KEY;
    const values = [key, fingerprint, owner, leaseUntil, now, now + ttlMs];
    // The common case, a new key, is one statement (with the create's intent, when given).
    if (options.intent) {
      const { accountReferenceId, integrationFlow } = options.intent;
      const claimed = [...values, accountReferenceId, integrationFlow];
      if ((await this.executor.query(CLAIM_KEY_WITH_INTENT, claimed)).length > 0) {
        return { state: 'claimed', intentRecorded: true };
      }
    } else if ((await this.executor.query(insert, values)).length > 0) return { state: 'claimed' };
    // A duplicate: most answers need no lock (same body in progress or done, another body).
    const [seen] = await this.executor.query<KeyRow>(
      'SELECT k.*, false AS has_intent FROM idempotency_keys k WHERE k.idempotency_key = $1',
      [key],
    );
    if (seen && Number(seen.expires_at) > now) {
      if (seen.fingerprint !== fingerprint) return { state: 'mismatch' };
      if (seen.outcome) return { state: 'done', outcome: outcomeOf(seen) };
      if (Number(seen.lease_until) > now) return { state: 'pending', since: Number(seen.created_at) };
    }
    // Expired, gone, or its owner's lease ran out: decide under the row's lock.
    return this.executor.transaction(async (tx) => {
      const [row] = await tx.query<KeyRow>(
        `SELECT k.*, EXISTS (SELECT 1 FROM create_intents i WHERE i.idempotency_key = k.idempotency_key) AS has_intent
         FROM idempotency_keys k WHERE k.idempotency_key = $1 FOR UPDATE OF k`,
        [key],
      );
      if (!row || Number(row.expires_at) <= now) {
        await tx.query('DELETE FROM idempotency_keys WHERE idempotency_key = $1', [key]);
        await tx.query(insert, values);
        return { state: 'claimed' };
      }
      if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
      if (row.outcome) return { state: 'done', outcome: outcomeOf(row) };
      if (Number(row.lease_until) > now) return { state: 'pending', since: Number(row.created_at) };
      if (row.has_intent) {
        // Its owner died after deciding to call SmartPay: the outcome is unknown, forever.
        const outcome = ABANDONED_CREATE as Extract<IdempotentOutcome, { kind: 'failed' }>;
        await tx.query(
          `UPDATE idempotency_keys SET outcome = 'failed', failure_code = $2, failure_message = $3,
             completed_at = $4::bigint WHERE idempotency_key = $1`,
          [key, outcome.code, outcome.message, now],
        );
        return { state: 'done', outcome };
      }
      await tx.query(
        'UPDATE idempotency_keys SET owner = $2, lease_until = $3::bigint WHERE idempotency_key = $1',
        [key, owner, leaseUntil],
      );
      return { state: 'claimed' };
    });
  }

  async recordCreateIntent(key: string, intent: CreateIntent): Promise<boolean> {
    const rows = await this.executor.query(RECORD_INTENT, [
      key,
      intent.owner,
      intent.accountReferenceId,
      intent.integrationFlow,
      intent.now,
    ]);
    return rows.length > 0;
  }

  async completeIdempotencyKey(
    key: string,
    outcome: IdempotentOutcome,
    options: { token?: StoredToken; owner?: string; now?: number } = {},
  ): Promise<void> {
    const now = options.now ?? Date.now();
    const created = outcome.kind === 'created';
    const params: unknown[] = [
      key,
      outcome.kind,
      created ? outcome.tokenId : null,
      created ? outcome.status : null,
      created ? outcome.createdAt : null,
      created ? null : outcome.code,
      created ? null : outcome.message,
      now,
      options.owner ?? null,
    ];
    if (!options.token) {
      await this.executor.query(COMPLETE_KEY, params);
      return;
    }
    // The token and the key's outcome in one statement, so one atomic commit and one round trip.
    await this.executor.query(COMPLETE_KEY_WITH_TOKEN, [...params, ...this.tokenParams(options.token, now)]);
  }

  async releaseIdempotencyKey(key: string, owner?: string): Promise<void> {
    await this.executor.query(
      `DELETE FROM idempotency_keys
       WHERE idempotency_key = $1 AND outcome IS NULL AND ($2::text IS NULL OR owner = $2)`,
      [key, owner ?? null],
    );
  }

  async putToken(token: StoredToken): Promise<void> {
    await this.executor.query(PUT_TOKEN, this.tokenParams(token, Date.now()));
  }

  /**
   * The parameters of {@link upsertTokenSql} for `stored` (the network token number sealed, the
   * card of a final token for its webhook event).
   */
  private tokenParams(stored: StoredToken, now: number): unknown[] {
    const { networkToken, ...rest } = stored.token;
    let view: NetworkToken = rest;
    let sealed: { keyId: string; iv: Uint8Array; ciphertext: Uint8Array } | undefined;
    if (networkToken) {
      const { tokenNumber, ...others } = networkToken;
      view = { ...rest, networkToken: others };
      if (tokenNumber !== undefined) sealed = this.cipher.seal(tokenNumber, stored.tokenId);
    }
    const card = toPublicToken(stored.token).card ?? null;
    return [
      stored.tokenId,
      stored.accountReferenceId ?? null,
      stored.integrationFlow ?? null,
      stored.token.status,
      JSON.stringify(view),
      sealed?.keyId ?? null,
      sealed ? Buffer.from(sealed.iv) : null,
      sealed ? Buffer.from(sealed.ciphertext) : null,
      stored.fullView,
      stored.checkedAt,
      stored.followSince,
      stored.followEnded ?? null,
      now,
      this.channel,
      card && JSON.stringify(card),
      this.outboxChannel,
    ];
  }

  async getToken(tokenId: string): Promise<StoredToken | undefined> {
    const [row] = await this.executor.query<TokenRow>('SELECT * FROM tokens WHERE token_id = $1', [tokenId]);
    return row && this.toStored(row);
  }

  private toStored(row: TokenRow): StoredToken {
    let token = asJson<NetworkToken>(row.view);
    if (row.token_number_sealed && row.token_number_iv && row.token_number_key_id) {
      const tokenNumber = this.cipher.open(
        { keyId: row.token_number_key_id, iv: row.token_number_iv, ciphertext: row.token_number_sealed },
        row.token_id,
      );
      token = { ...token, networkToken: { ...token.networkToken, tokenNumber } };
    }
    return {
      tokenId: row.token_id,
      ...(row.account_reference_id ? { accountReferenceId: row.account_reference_id } : {}),
      ...(row.integration_flow ? { integrationFlow: row.integration_flow } : {}),
      token,
      fullView: row.full_view,
      checkedAt: Number(row.checked_at),
      followSince: Number(row.follow_since),
      ...(row.follow_ended ? { followEnded: row.follow_ended } : {}),
      ...(row.removed_at !== null ? { removedAt: Number(row.removed_at) } : {}),
    };
  }

  onStatusChange(listener: (tokenId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async claimWatch(tokenId: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const rows = await this.executor.query(
      `INSERT INTO watch_leases (token_id, holder, lease_until) VALUES ($1, $2, $3::bigint)
       ON CONFLICT (token_id) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
       WHERE watch_leases.holder = excluded.holder OR watch_leases.lease_until <= $4::bigint
       RETURNING 1 AS held`,
      [tokenId, holder, now + leaseMs, now],
    );
    return rows.length > 0;
  }

  async releaseWatch(tokenId: string, holder: string): Promise<void> {
    await this.executor.query('DELETE FROM watch_leases WHERE token_id = $1 AND holder = $2', [
      tokenId,
      holder,
    ]);
  }

  async renewLeases(owner: string, now: number, leaseMs: number): Promise<void> {
    await this.executor.query(
      `WITH watches AS (UPDATE watch_leases SET lease_until = $2::bigint WHERE holder = $1 RETURNING 1)
       UPDATE idempotency_keys SET lease_until = $2::bigint WHERE owner = $1 AND outcome IS NULL`,
      [owner, now + leaseMs],
    );
  }

  async tokensToResume(query: ResumeQuery): Promise<string[]> {
    const rows = await this.executor.query<{ token_id: string }>(
      `SELECT t.token_id FROM tokens t
       WHERE t.final_hook_ran_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM watch_leases w WHERE w.token_id = t.token_id AND w.lease_until > $1::bigint)
         AND CASE WHEN t.status IN ${FINAL}
             THEN t.final_hook_started_at IS NULL OR t.final_hook_started_at <= $1::bigint - $5::bigint
             ELSE t.follow_ended IS NULL AND t.follow_since > $1::bigint - $2::bigint
                  AND ($3::boolean OR t.status <> 'PENDING_PAYMENT_FORM') END
       ORDER BY t.follow_since LIMIT $4::integer`,
      [query.now, query.followForMs, query.includeWaiting, query.limit, query.hookRetryAfterMs],
    );
    return rows.map((row) => row.token_id);
  }

  async claimFinalHook(tokenId: string, now: number, retryAfterMs: number): Promise<boolean> {
    const rows = await this.executor.query(
      `UPDATE tokens SET final_hook_started_at = $2::bigint
       WHERE token_id = $1 AND full_view AND status IN ${FINAL} AND final_hook_ran_at IS NULL
         AND (final_hook_started_at IS NULL OR final_hook_started_at <= $2::bigint - $3::bigint)
       RETURNING 1 AS claimed`,
      [tokenId, now, retryAfterMs],
    );
    return rows.length > 0;
  }

  async markFinalHookRan(tokenId: string, now: number): Promise<void> {
    await this.executor.query(
      `UPDATE tokens SET final_hook_ran_at = $2::bigint
       WHERE token_id = $1 AND final_hook_started_at IS NOT NULL AND final_hook_ran_at IS NULL`,
      [tokenId, now],
    );
  }

  /**
   * One statement in flight per client: the requests that come meanwhile are spent together by
   * the next one. All of one client's requests otherwise update its one row at once, and
   * PostgreSQL spends more on the row lock's queue than on the update.
   */
  spendRateLimit(clientKey: string, rule: RateLimitRule, now: number): Promise<RateLimitDecision> {
    return new Promise((resolve, reject) => {
      const waiting = this.spendsWaiting.get(clientKey);
      if (waiting) {
        waiting.push({ rule, now, resolve, reject });
        return;
      }
      this.spendsWaiting.set(clientKey, []);
      void this.spendInTurn(clientKey, [{ rule, now, resolve, reject }]);
    });
  }

  private async spendInTurn(clientKey: string, first: PendingSpend[]): Promise<void> {
    let batch = first;
    for (;;) {
      // One app has one rule; spends under different rules are never mixed in one statement.
      while (batch.length > 0) {
        const [{ rule }] = batch as [PendingSpend];
        const same: PendingSpend[] = [];
        const others: PendingSpend[] = [];
        for (const spend of batch) {
          const alike = spend.rule.limit === rule.limit && spend.rule.windowMs === rule.windowMs;
          (alike ? same : others).push(spend);
        }
        batch = others;
        try {
          const latest = same.reduce((now, spend) => Math.max(now, spend.now), 0);
          const decisions = await this.spendMany(clientKey, rule, latest, same.length);
          for (const [index, spend] of same.entries()) spend.resolve(decisions[index] as RateLimitDecision);
        } catch (error) {
          for (const spend of same) spend.reject(error);
        }
      }
      const waiting = this.spendsWaiting.get(clientKey) ?? [];
      if (waiting.length === 0) {
        this.spendsWaiting.delete(clientKey);
        return;
      }
      batch = waiting.splice(0);
    }
  }

  /** Spends `count` requests of one client; the decisions in order (the first ones granted). */
  private async spendMany(
    clientKey: string,
    rule: RateLimitRule,
    now: number,
    count: number,
  ): Promise<RateLimitDecision[]> {
    const perMs = rule.limit / rule.windowMs;
    const [spent] = await this.executor.query<{ granted: number; tokens: number }>(SPEND_RATE_LIMIT, [
      clientKey,
      rule.limit,
      now,
      perMs,
      count,
    ]);
    let granted = 0;
    let tokens: number;
    if (spent) {
      granted = Number(spent.granted);
      tokens = Number(spent.tokens);
    } else {
      const [bucket] = await this.executor.query<{ tokens: number; refilled_at: string | number }>(
        'SELECT tokens, refilled_at FROM rate_limit_buckets WHERE client_hash = $1',
        [clientKey],
      );
      tokens = bucket
        ? Math.min(rule.limit, bucket.tokens + Math.max(0, now - Number(bucket.refilled_at)) * perMs)
        : 0;
    }
    const refused: RateLimitDecision = { allowed: false, retryAfterMs: Math.max(0, (1 - tokens) / perMs) };
    return Array.from({ length: count }, (_, index) => (index < granted ? { allowed: true } : refused));
  }

  async listAccountTokens(accountReferenceId: string, query: AccountTokenQuery): Promise<AccountToken[]> {
    const after = query.after;
    const rows = await this.executor.query<TokenRow>(
      `SELECT * FROM tokens
       WHERE account_reference_id = $1::uuid AND removed_at IS NULL
         AND ($2::bigint IS NULL OR (created_at, token_id) < ($2::bigint, $3::text))
         AND (NOT $4::boolean OR (status = 'ACTIVE' AND full_view))
       ORDER BY created_at DESC, token_id DESC LIMIT $5::integer`,
      [
        accountReferenceId,
        after?.storedAt ?? null,
        after?.tokenId ?? '',
        query.activeOnly ?? false,
        query.limit,
      ],
    );
    return rows.map((row) => ({ token: this.toStored(row), storedAt: Number(row.created_at) }));
  }

  async removeToken(tokenId: string, now: number, accountReferenceId?: string): Promise<boolean> {
    const rows = await this.executor.query(
      `UPDATE tokens SET removed_at = $2::bigint, updated_at = $2::bigint,
         token_number_key_id = NULL, token_number_iv = NULL, token_number_sealed = NULL
       WHERE token_id = $1 AND removed_at IS NULL AND ($3::uuid IS NULL OR account_reference_id = $3::uuid)
       RETURNING 1 AS removed`,
      [tokenId, now, accountReferenceId ?? null],
    );
    return rows.length > 0;
  }

  async registerWebhookEndpoints(urls: readonly string[], now: number): Promise<void> {
    await this.executor.query(
      `INSERT INTO webhook_endpoints (url, registered_at, seen_at)
       SELECT url, $2::bigint, $2::bigint FROM ${textSet(1)} AS u (url)
       ON CONFLICT (url) DO UPDATE SET seen_at = greatest(webhook_endpoints.seen_at, excluded.seen_at)`,
      [JSON.stringify(urls), now],
    );
  }

  async claimWebhookDeliveries(query: DeliveryClaimQuery): Promise<ClaimedDelivery[]> {
    // SKIP LOCKED: workers on several instances each take different rows, none waits for another.
    const rows = await this.executor.query<EventRow & { endpoint: string; attempts: number; step: number }>(
      `WITH due AS (
         SELECT d.event_id, d.endpoint FROM webhook_deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= $2::bigint AND d.lease_until <= $2::bigint
           AND d.endpoint IN (SELECT url FROM webhook_endpoints
                              WHERE disabled_at IS NULL AND url IN ${textSet(1)})
         ORDER BY d.next_attempt_at, d.seq LIMIT $4::integer
         FOR UPDATE SKIP LOCKED
       ),
       claimed AS (
         UPDATE webhook_deliveries d SET lease_until = $3::bigint FROM due
         WHERE d.event_id = due.event_id AND d.endpoint = due.endpoint
         RETURNING d.event_id, d.endpoint, d.attempts, d.step
       )
       SELECT e.*, c.endpoint, c.attempts, c.step FROM claimed c JOIN webhook_events e USING (event_id)
       ORDER BY e.seq`,
      [JSON.stringify(query.endpoints), query.now, query.now + query.leaseMs, query.limit],
    );
    return rows.map((row) => ({
      event: toEvent(row),
      endpoint: row.endpoint,
      attempts: Number(row.attempts),
      step: Number(row.step),
    }));
  }

  async recordWebhookAttempt(attempt: WebhookAttempt): Promise<void> {
    const { next } = attempt;
    const state = next.state === 'endpoint_gone' ? 'pending' : next.state;
    await this.executor.transaction(async (tx) => {
      const [delivery] = await tx.query<{ attempts: number }>(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, step = step + 1, state = $3,
           next_attempt_at = $4::bigint, lease_until = 0
         WHERE event_id = $1 AND endpoint = $2 RETURNING attempts`,
        [
          attempt.eventId,
          attempt.endpoint,
          state,
          next.state === 'pending' ? next.at : next.state === 'endpoint_gone' ? attempt.at : null,
        ],
      );
      if (!delivery) return;
      await tx.query(
        `INSERT INTO webhook_attempts (event_id, endpoint, attempt, at, duration_ms, http_status, error)
         VALUES ($1, $2, $3::integer, $4::bigint, $5::integer, $6::integer, $7)`,
        [
          attempt.eventId,
          attempt.endpoint,
          delivery.attempts,
          attempt.at,
          Math.max(0, Math.round(attempt.durationMs)),
          attempt.httpStatus,
          attempt.error?.slice(0, 200) ?? null,
        ],
      );
      if (next.state === 'endpoint_gone') {
        await tx.query(
          `UPDATE webhook_endpoints SET disabled_at = $2::bigint, disabled_reason = '410 Gone'
           WHERE url = $1 AND disabled_at IS NULL`,
          [attempt.endpoint, attempt.at],
        );
      }
    });
  }

  async nextWebhookDueAt(endpoints: readonly string[]): Promise<number | undefined> {
    const [row] = await this.executor.query<{ due: string | number | null }>(
      `SELECT min(greatest(d.next_attempt_at, d.lease_until)) AS due FROM webhook_deliveries d
       WHERE d.state = 'pending' AND d.endpoint IN (SELECT url FROM webhook_endpoints
                                                    WHERE disabled_at IS NULL AND url IN ${textSet(1)})`,
      [JSON.stringify(endpoints)],
    );
    return row?.due === null || row?.due === undefined ? undefined : Number(row.due);
  }

  onWebhookDue(listener: () => void): () => void {
    this.webhookListeners.add(listener);
    return () => this.webhookListeners.delete(listener);
  }

  /**
   * On PGlite a statement never runs beside another's transaction, so every event it sees has
   * every lower seq visible too. On PostgreSQL a seq is taken when the row is inserted but seen
   * when its transaction commits, in another order: see `visibleEventsBound`.
   */
  async listWebhookEvents(afterSeq: number, limit: number): Promise<OutboxEvent[]> {
    if (this.executor.engine === 'pglite') {
      const rows = await this.executor.query<EventRow>(
        'SELECT * FROM webhook_events WHERE seq > $1::bigint ORDER BY seq LIMIT $2::integer',
        [afterSeq, limit],
      );
      return rows.map(toEvent);
    }
    const bound = await this.visibleEventsBound();
    if (bound.maxSeq === null) return [];
    const rows = await this.executor.query<EventRow>(
      `SELECT * FROM webhook_events WHERE seq > $1::bigint AND seq <= $2::bigint
         AND ($3::timestamptz IS NULL OR recorded_at < $3::timestamptz)
       ORDER BY seq LIMIT $4::integer`,
      [afterSeq, bound.maxSeq, bound.recordedBefore, limit],
    );
    return rows.map(toEvent);
  }

  /**
   * What a page may return on PostgreSQL so that every lower seq is visible to it: seqs up to the
   * highest committed before the writers in flight are looked at (a writer starting later takes a
   * higher one), and rows recorded before the oldest of those writers began (a writer takes its
   * seqs after it began, and a row's clock is read after its seq). Each is read in its own
   * statement, in this order, before the page's snapshot: a writer that ended in between is in it.
   */
  private async visibleEventsBound(): Promise<{ maxSeq: string | null; recordedBefore: string | null }> {
    const [taken] = await this.executor.query<{ last: string | null }>(
      'SELECT max(seq)::text AS last FROM webhook_events',
    );
    // Every transaction writing events holds this lock until it ends. A writer whose start is not
    // shown (another role without pg_read_all_stats, a prepared transaction) holds back every new row.
    const [writers] = await this.executor.query<{ before: string | null }>(
      `SELECT (CASE WHEN bool_and(a.xact_start IS NOT NULL) IS FALSE THEN '-infinity'::timestamptz
                ELSE min(a.xact_start) - make_interval(secs => $1::float8 / 1000) END)::text AS before
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'relation' AND l.relation = 'webhook_events'::regclass
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid IS DISTINCT FROM pg_backend_pid()`,
      [CLOCK_MARGIN_MS],
    );
    return { maxSeq: taken?.last ?? null, recordedBefore: writers?.before ?? null };
  }

  async webhookEventRecords(eventIds: readonly string[]): Promise<EventRecord[]> {
    const ids = JSON.stringify(eventIds);
    const events = await this.executor.query<EventRow>(
      `SELECT * FROM webhook_events WHERE event_id IN ${textSet(1)}`,
      [ids],
    );
    const deliveries = await this.executor.query<{
      event_id: string;
      endpoint: string;
      state: DeliveryState['state'];
      attempts: number;
      next_attempt_at: string | number | null;
    }>(
      `SELECT event_id, endpoint, state, attempts, next_attempt_at FROM webhook_deliveries
       WHERE event_id IN ${textSet(1)} ORDER BY endpoint`,
      [ids],
    );
    const attempts = await this.executor.query<{
      event_id: string;
      endpoint: string;
      attempt: number;
      at: string | number;
      duration_ms: number;
      http_status: number | null;
      error: string | null;
    }>(`SELECT * FROM webhook_attempts WHERE event_id IN ${textSet(1)} ORDER BY at, attempt`, [ids]);
    const byId = new Map(events.map((row) => [row.event_id, toEvent(row)]));
    return eventIds.flatMap((id) => {
      const event = byId.get(id);
      if (!event) return [];
      return [
        {
          event,
          deliveries: deliveries
            .filter((row) => row.event_id === id)
            .map(
              (row): DeliveryState => ({
                endpoint: row.endpoint,
                state: row.state,
                attempts: Number(row.attempts),
                nextAttemptAt: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
              }),
            ),
          attempts: attempts
            .filter((row) => row.event_id === id)
            .map(
              (row): AttemptRecord => ({
                endpoint: row.endpoint,
                attempt: Number(row.attempt),
                at: Number(row.at),
                durationMs: Number(row.duration_ms),
                httpStatus: row.http_status === null ? null : Number(row.http_status),
                error: row.error,
              }),
            ),
        },
      ];
    });
  }

  async redeliverWebhookEvent(eventId: string, now: number): Promise<boolean> {
    const rows = await this.executor.query<{ found: number; due: number }>(
      `WITH event AS (SELECT event_id, seq FROM webhook_events WHERE event_id = $1),
       live AS (
         SELECT url FROM webhook_endpoints WHERE seen_at > $2::bigint - ${WEBHOOK_ENDPOINT_RETIRED_AFTER_MS}
       ),
       enabled AS (
         UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL
         WHERE disabled_at IS NOT NULL AND url IN (SELECT url FROM live) AND EXISTS (SELECT 1 FROM event)
         RETURNING url
       ),
       due AS (
         INSERT INTO webhook_deliveries (event_id, endpoint, seq, state, next_attempt_at)
         SELECT e.event_id, p.url, e.seq, 'pending', $2::bigint FROM event e CROSS JOIN live p
         ON CONFLICT (event_id, endpoint) DO UPDATE SET state = 'pending', step = 0,
           next_attempt_at = excluded.next_attempt_at, lease_until = 0
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM event) AS found, (SELECT count(*) FROM due) AS due,
         (SELECT count(*) FROM enabled) AS enabled,
         (SELECT count(*) FROM (SELECT pg_notify($3, '') WHERE EXISTS (SELECT 1 FROM due)) n) AS notified`,
      [eventId, now, this.outboxChannel],
    );
    return Number(rows[0]?.found ?? 0) > 0;
  }

  async sweep(now: number, limit: number, options: SweepOptions = {}): Promise<SweepResult> {
    const retentionMs = options.webhookRetentionMs ?? DEFAULT_WEBHOOK_RETENTION_MS;
    const count = async (sql: string, params: unknown[]) => (await this.executor.query(sql, params)).length;
    return {
      // Before the retention delete: a delivery failed here lets its event go once it is old enough.
      retiredDeliveries: await count(
        `UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL
         WHERE (event_id, endpoint) IN (
           SELECT d.event_id, d.endpoint FROM webhook_deliveries d JOIN webhook_endpoints p ON p.url = d.endpoint
           WHERE d.state = 'pending' AND p.seen_at <= $1::bigint - ${WEBHOOK_ENDPOINT_RETIRED_AFTER_MS}
           LIMIT $2::integer)
         RETURNING 1`,
        [now, limit],
      ),
      idempotencyKeys: await count(
        `DELETE FROM idempotency_keys WHERE idempotency_key IN (
           SELECT idempotency_key FROM idempotency_keys WHERE expires_at <= $1::bigint LIMIT $2::integer)
         RETURNING 1`,
        [now, limit],
      ),
      watchLeases: await count(
        `DELETE FROM watch_leases WHERE token_id IN (
           SELECT token_id FROM watch_leases WHERE lease_until <= $1::bigint LIMIT $2::integer) RETURNING 1`,
        [now, limit],
      ),
      // A bucket untouched for a day is full again for any sensible window.
      rateLimitBuckets: await count(
        `DELETE FROM rate_limit_buckets WHERE client_hash IN (
           SELECT client_hash FROM rate_limit_buckets WHERE refilled_at <= $1::bigint LIMIT $2::integer) RETURNING 1`,
        [now - 24 * 60 * 60_000, limit],
      ),
      // Deliveries and attempts go with their event (ON DELETE CASCADE).
      webhookEvents: await count(
        `DELETE FROM webhook_events WHERE event_id IN (
           SELECT e.event_id FROM webhook_events e WHERE e.created_at <= $1::bigint
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.event_id AND d.state = 'pending')
           LIMIT $2::integer) RETURNING 1`,
        [now - retentionMs, limit],
      ),
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.webhookListeners.clear();
    await this.unlisten?.();
    await this.unlistenOutbox?.();
    await this.executor.close();
  }
}
