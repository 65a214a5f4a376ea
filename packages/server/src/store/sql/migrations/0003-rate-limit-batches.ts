/**
 * Rate-limit spends of one client are sent together (one statement for every request that came
 * while the previous one ran): the row says how many of the last batch were granted.
 */
export const statements = [
  'ALTER TABLE rate_limit_buckets ADD COLUMN last_granted integer NOT NULL DEFAULT 0 CHECK (last_granted >= 0)',
];
