/**
 * @module
 * The durable TokenStore: plain parameterised SQL that runs the same on PGlite and PostgreSQL
 * (see migrations/ for the tables and the invariants the database itself enforces).
 */
import type { IntegrationFlow, NetworkToken } from '@smartpay/contract';
import { ABANDONED_CREATE } from '../memory-token-store.js';
import type { TokenCipher } from '../token-cipher.js';
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
} from '../token-store.js';
import type { SqlExecutor } from './executor.js';

const FINAL = `('ACTIVE', 'ERROR')`;
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
}

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

export class SqlTokenStore implements TokenStore {
  private readonly listeners = new Set<(tokenId: string) => void>();
  private unlisten: (() => Promise<void>) | undefined;

  /**
   * @param executor where the SQL runs; the tables must exist (see `migrate`).
   * @param cipher seals the network token number.
   * @param channel the NOTIFY channel for status changes (one per schema).
   */
  constructor(
    private readonly executor: SqlExecutor,
    private readonly cipher: TokenCipher,
    private readonly channel: string,
  ) {}

  /** Starts hearing status changes from every instance (LISTEN). */
  async start(): Promise<void> {
    this.unlisten = await this.executor.listen(this.channel, (tokenId) => {
      for (const listener of this.listeners) listener(tokenId);
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
    const insert = `INSERT INTO idempotency_keys
        (idempotency_key, fingerprint, owner, lease_until, created_at, expires_at)
      VALUES ($1, $2, $3, $4::bigint, $5::bigint, $6::bigint)
      ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1 AS claimed`;
    const values = [key, fingerprint, owner, leaseUntil, now, now + ttlMs];
    // The common case, a new key, is one statement.
    if ((await this.executor.query(insert, values)).length > 0) return { state: 'claimed' };
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
    // The key row is locked, so a take-over (which needs "no intent") cannot slip in between.
    const rows = await this.executor.query(
      `INSERT INTO create_intents (idempotency_key, owner, account_reference_id, integration_flow, started_at)
       SELECT idempotency_key, owner, $3::uuid, $4, $5::bigint FROM idempotency_keys
       WHERE idempotency_key = $1 AND owner = $2 AND outcome IS NULL FOR UPDATE
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1 AS recorded`,
      [key, intent.owner, intent.accountReferenceId, intent.integrationFlow, intent.now],
    );
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
    const update = `UPDATE idempotency_keys SET outcome = $2, token_id = $3, outcome_status = $4,
        outcome_created_at = $5, failure_code = $6, failure_message = $7, completed_at = $8::bigint
      WHERE idempotency_key = $1 AND ($9::text IS NULL OR owner = $9) RETURNING 1`;
    if (!options.token) {
      await this.executor.query(update, params);
      return;
    }
    // The token and the key's outcome in one statement, so one atomic commit and one round trip.
    const token = this.tokenUpsert(options.token, now, params.length);
    await this.executor.query(
      `WITH ${token.ctes}, completed AS (${update})
       SELECT (SELECT count(*) FROM notified) AS notified, (SELECT count(*) FROM completed) AS completed`,
      [...params, ...token.params],
    );
  }

  async releaseIdempotencyKey(key: string, owner?: string): Promise<void> {
    await this.executor.query(
      `DELETE FROM idempotency_keys
       WHERE idempotency_key = $1 AND outcome IS NULL AND ($2::text IS NULL OR owner = $2)`,
      [key, owner ?? null],
    );
  }

  async putToken(token: StoredToken): Promise<void> {
    const { ctes, params } = this.tokenUpsert(token, Date.now(), 0);
    await this.executor.query(`WITH ${ctes} SELECT count(*) AS notified FROM notified`, params);
  }

  /**
   * The CTEs `previous`, `written` and `notified` that upsert a token (keeping a final full view)
   * and notify every instance when its status changed; parameters numbered after `offset`.
   */
  private tokenUpsert(stored: StoredToken, now: number, offset: number): { ctes: string; params: unknown[] } {
    const { networkToken, ...rest } = stored.token;
    let view: NetworkToken = rest;
    let sealed: { keyId: string; iv: Uint8Array; ciphertext: Uint8Array } | undefined;
    if (networkToken) {
      const { tokenNumber, ...others } = networkToken;
      view = { ...rest, networkToken: others };
      if (tokenNumber !== undefined) sealed = this.cipher.seal(tokenNumber, stored.tokenId);
    }
    const $ = (n: number) => `$${n + offset}`;
    const ctes = `previous AS (SELECT status FROM tokens WHERE token_id = ${$(1)}),
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
           token_number_key_id = excluded.token_number_key_id, token_number_iv = excluded.token_number_iv,
           token_number_sealed = excluded.token_number_sealed, full_view = excluded.full_view,
           checked_at = excluded.checked_at, follow_since = excluded.follow_since,
           follow_ended = excluded.follow_ended, updated_at = excluded.updated_at
         WHERE NOT (tokens.full_view AND tokens.status IN ${FINAL})
            OR (excluded.full_view AND excluded.status IN ${FINAL})
         RETURNING status
       ),
       notified AS (
         SELECT pg_notify(${$(14)}, ${$(1)}) FROM written
         WHERE written.status IS DISTINCT FROM (SELECT status FROM previous)
       )`;
    return {
      ctes,
      params: [
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
      ],
    };
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

  async spendRateLimit(clientKey: string, rule: RateLimitRule, now: number): Promise<RateLimitDecision> {
    const perMs = rule.limit / rule.windowMs;
    // Refilled since the last request, capped at the limit; clocks of instances may differ a little.
    const refilled = `least($2::float8, rate_limit_buckets.tokens
      + greatest(0, $3::bigint - rate_limit_buckets.refilled_at) * $4::float8)`;
    const spent = await this.executor.query(
      `INSERT INTO rate_limit_buckets (client_hash, tokens, refilled_at)
       VALUES ($1, $2::float8 - 1, $3::bigint)
       ON CONFLICT (client_hash) DO UPDATE SET tokens = ${refilled} - 1, refilled_at = $3::bigint
       WHERE ${refilled} >= 1
       RETURNING 1 AS allowed`,
      [clientKey, rule.limit, now, perMs],
    );
    if (spent.length > 0) return { allowed: true };
    const [bucket] = await this.executor.query<{ tokens: number; refilled_at: string | number }>(
      'SELECT tokens, refilled_at FROM rate_limit_buckets WHERE client_hash = $1',
      [clientKey],
    );
    const tokens = bucket
      ? Math.min(rule.limit, bucket.tokens + Math.max(0, now - Number(bucket.refilled_at)) * perMs)
      : 0;
    return { allowed: false, retryAfterMs: Math.max(0, (1 - tokens) / perMs) };
  }

  async sweep(now: number, limit: number): Promise<SweepResult> {
    const count = async (sql: string, params: unknown[]) => (await this.executor.query(sql, params)).length;
    return {
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
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
    await this.executor.close();
  }
}
