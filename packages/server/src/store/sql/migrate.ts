/**
 * @module
 * Versioned migrations, applied at start in one transaction under an advisory lock, so instances
 * starting together neither race nor see half a schema. Each applied version is recorded in
 * `schema_migrations`; a database newer than this code is refused.
 */
import type { SqlExecutor } from './executor.js';
import * as initial from './migrations/0001-initial.js';
import * as webhooks from './migrations/0002-webhooks.js';
import * as rateLimitBatches from './migrations/0003-rate-limit-batches.js';
import * as webhookEventVisibility from './migrations/0004-webhook-event-visibility.js';
import * as webhookEndpointSeen from './migrations/0005-webhook-endpoint-seen.js';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** In order; never edit one that was released: add the next. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', ...initial },
  { version: 2, name: 'webhooks', ...webhooks },
  { version: 3, name: 'rate-limit-batches', ...rateLimitBatches },
  { version: 4, name: 'webhook-event-visibility', ...webhookEventVisibility },
  { version: 5, name: 'webhook-endpoint-seen', ...webhookEndpointSeen },
];

/** The first half of the advisory lock key ("smar"); the second is the schema's hash. */
const LOCK_CLASS = 0x736d6172;

/** Applies what is missing; returns the versions it applied. */
export async function migrate(executor: SqlExecutor): Promise<number[]> {
  return executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_CLASS]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at bigint NOT NULL
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...applied);
    const known = MIGRATIONS.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(
        `the database schema is version ${newest}, newer than this server knows (${known}): upgrade the server`,
      );
    }
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
