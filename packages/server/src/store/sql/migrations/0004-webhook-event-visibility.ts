/**
 * When each webhook event row was written, on the database's clock: the events page compares it
 * with the start of transactions still writing events, so a cursor never passes an event that is
 * not visible yet (see `SqlTokenStore.listWebhookEvents`). And an index for the retention sweep.
 */
export const statements = [
  // A constant default first, so existing rows get it without rewriting the table; they were all
  // committed long ago. New rows take the clock when the row is built, after their seq.
  `ALTER TABLE webhook_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT '-infinity'`,
  'ALTER TABLE webhook_events ALTER COLUMN recorded_at SET DEFAULT clock_timestamp()',
  'CREATE INDEX webhook_events_created ON webhook_events (created_at)',
];
