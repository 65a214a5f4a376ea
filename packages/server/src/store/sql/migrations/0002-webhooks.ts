/**
 * Removed tokens, the account's list order, and the webhook outbox: endpoints, events (written in
 * the transaction of the status change that causes them), one delivery per event and endpoint,
 * and every attempt.
 */
export const statements = [
  'ALTER TABLE tokens ADD COLUMN removed_at bigint',
  // A removed token's number is gone for good.
  'ALTER TABLE tokens ADD CONSTRAINT tokens_removed_wiped CHECK (removed_at IS NULL OR token_number_sealed IS NULL)',
  'DROP INDEX tokens_account',
  `CREATE INDEX tokens_account_newest ON tokens (account_reference_id, created_at DESC, token_id DESC)
    WHERE account_reference_id IS NOT NULL AND removed_at IS NULL`,

  `CREATE TABLE webhook_endpoints (
    url text PRIMARY KEY CHECK (url ~ '^https?://' AND length(url) <= 2048),
    registered_at bigint NOT NULL,
    disabled_at bigint,
    disabled_reason text,
    CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL))
  )`,

  `CREATE TABLE webhook_events (
    event_id text PRIMARY KEY CHECK (event_id ~ '^evt_[0-9a-f]{32}$'),
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    type text NOT NULL CHECK (type IN ('network_token.created', 'network_token.active', 'network_token.failed')),
    token_id text NOT NULL REFERENCES tokens (token_id) ON DELETE CASCADE,
    account_reference_id uuid NOT NULL,
    status text NOT NULL,
    -- Brand, last four and expiry only: a webhook never carries the network token number.
    card jsonb CHECK (card IS NULL OR (jsonb_typeof(card) = 'object' AND NOT card ? 'tokenNumber')),
    created_at bigint NOT NULL
  )`,

  `CREATE TABLE webhook_deliveries (
    event_id text NOT NULL REFERENCES webhook_events (event_id) ON DELETE CASCADE,
    endpoint text NOT NULL REFERENCES webhook_endpoints (url) ON DELETE CASCADE,
    seq bigint NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    step integer NOT NULL DEFAULT 0 CHECK (step >= 0 AND step <= attempts),
    next_attempt_at bigint,
    lease_until bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, endpoint),
    CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL))
  )`,
  "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq) WHERE state = 'pending'",

  `CREATE TABLE webhook_attempts (
    event_id text NOT NULL,
    endpoint text NOT NULL,
    attempt integer NOT NULL CHECK (attempt >= 1),
    at bigint NOT NULL,
    duration_ms integer NOT NULL CHECK (duration_ms >= 0),
    http_status integer,
    error text CHECK (length(error) <= 200),
    PRIMARY KEY (event_id, endpoint, attempt),
    FOREIGN KEY (event_id, endpoint) REFERENCES webhook_deliveries (event_id, endpoint) ON DELETE CASCADE
  )`,
];
