/**
 * When an instance last registered each webhook endpoint: one no instance has registered for a
 * week was taken out of every instance's WEBHOOK_URL and is retired (see
 * WEBHOOK_ENDPOINT_RETIRED_AFTER_MS). Endpoints already there count as seen now.
 */
export const statements = [
  `ALTER TABLE webhook_endpoints ADD COLUMN seen_at bigint NOT NULL
     DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint`,
  'ALTER TABLE webhook_endpoints ALTER COLUMN seen_at DROP DEFAULT',
];
