/**
 * The first schema: tokens, idempotency keys, create intents, watch leases and rate-limit buckets.
 * Times are milliseconds since the epoch (bigint), as the server's clock gives them.
 */
export const statements = [
  `CREATE TABLE tokens (
    token_id text PRIMARY KEY CHECK (length(token_id) BETWEEN 1 AND 64),
    account_reference_id uuid,
    integration_flow text CHECK (integration_flow IN ('payment-form', 'direct')),
    status text NOT NULL CHECK (status ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    -- SmartPay's latest answer without networkToken.tokenNumber, which is only ever stored sealed:
    view jsonb NOT NULL CHECK (jsonb_typeof(view) = 'object' AND NOT coalesce(view -> 'networkToken' ? 'tokenNumber', false)),
    token_number_key_id text,
    token_number_iv bytea CHECK (octet_length(token_number_iv) = 12),
    token_number_sealed bytea,
    full_view boolean NOT NULL,
    checked_at bigint NOT NULL,
    follow_since bigint NOT NULL,
    follow_ended text CHECK (follow_ended IN ('timeout', 'gone')),
    final_hook_started_at bigint,
    final_hook_ran_at bigint,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    CHECK ((token_number_key_id IS NULL) = (token_number_sealed IS NULL)
       AND (token_number_iv IS NULL) = (token_number_sealed IS NULL)),
    CHECK (final_hook_ran_at IS NULL OR final_hook_started_at IS NOT NULL),
    CHECK (final_hook_started_at IS NULL OR (status IN ('ACTIVE', 'ERROR') AND full_view))
  )`,
  // What still needs a poller or its onFinalStatus: small, since settled tokens leave it.
  'CREATE INDEX tokens_unsettled ON tokens (follow_since) WHERE final_hook_ran_at IS NULL',
  'CREATE INDEX tokens_account ON tokens (account_reference_id) WHERE account_reference_id IS NOT NULL',

  `CREATE TABLE idempotency_keys (
    idempotency_key text PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    fingerprint text NOT NULL,
    owner text NOT NULL,
    lease_until bigint NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL CHECK (expires_at > created_at),
    outcome text CHECK (outcome IN ('created', 'failed')),
    token_id text REFERENCES tokens (token_id) ON DELETE CASCADE,
    outcome_status text,
    outcome_created_at text,
    failure_code text,
    failure_message text,
    completed_at bigint,
    CHECK (CASE outcome
      WHEN 'created' THEN token_id IS NOT NULL AND outcome_status IS NOT NULL AND outcome_created_at IS NOT NULL
                          AND failure_code IS NULL AND completed_at IS NOT NULL
      WHEN 'failed' THEN failure_code IS NOT NULL AND failure_message IS NOT NULL AND token_id IS NULL
                          AND completed_at IS NOT NULL
      ELSE token_id IS NULL AND failure_code IS NULL AND completed_at IS NULL END)
  )`,
  'CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)',
  'CREATE INDEX idempotency_keys_in_flight ON idempotency_keys (owner) WHERE outcome IS NULL',

  // Written (committed) before SmartPay is called: after a crash, a key with an intent and no
  // outcome may or may not have created a token, so it is never sent again.
  `CREATE TABLE create_intents (
    idempotency_key text PRIMARY KEY REFERENCES idempotency_keys (idempotency_key) ON DELETE CASCADE,
    owner text NOT NULL,
    account_reference_id uuid NOT NULL,
    integration_flow text NOT NULL CHECK (integration_flow IN ('payment-form', 'direct')),
    started_at bigint NOT NULL
  )`,

  `CREATE TABLE watch_leases (
    token_id text PRIMARY KEY REFERENCES tokens (token_id) ON DELETE CASCADE,
    holder text NOT NULL,
    lease_until bigint NOT NULL
  )`,
  'CREATE INDEX watch_leases_holder ON watch_leases (holder)',

  `CREATE TABLE rate_limit_buckets (
    client_hash text PRIMARY KEY,
    tokens double precision NOT NULL CHECK (tokens >= 0),
    refilled_at bigint NOT NULL
  )`,
  'CREATE INDEX rate_limit_buckets_age ON rate_limit_buckets (refilled_at)',
];
