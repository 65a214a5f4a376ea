/**
 * @module
 * `openTokenStore(config)`: the durable store the bin uses. PostgreSQL when `databaseUrl` is set
 * (several instances share it), otherwise embedded PGlite under `<dataDir>/pglite` (one process).
 * Migrations are applied before it is returned.
 */
import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import type { SqlExecutor } from './sql/executor.js';
import { migrate } from './sql/migrate.js';
import { openPgliteExecutor } from './sql/pglite-executor.js';
import { openPostgresExecutor } from './sql/postgres-executor.js';
import { SqlTokenStore } from './sql/sql-token-store.js';
import { createTokenCipher, loadOrCreateTokenKeys, parseTokenKeys } from './token-cipher.js';

export interface OpenTokenStoreOptions {
  /** A PostgreSQL URL; unset: PGlite under `dataDir`. `?options=-c search_path=...` picks a schema. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** `TOKEN_ENCRYPTION_KEYS`; unset: a key generated once into `dataDir`. */
  tokenEncryptionKeys?: string | undefined;
  logger?: Logger;
  /** PostgreSQL connections per instance (10). */
  poolSize?: number;
}

/** The NOTIFY channel for one schema's status changes or new webhook deliveries (at most 63 bytes). */
const channelFor = (kind: 'status' | 'outbox', schema: string) => `smartpay_${kind}_${schema}`.slice(0, 63);

export async function openTokenStore(options: OpenTokenStoreOptions): Promise<SqlTokenStore> {
  const warn = (message: string) => options.logger?.warn('store.key_file_mode', { message });
  const keys = options.tokenEncryptionKeys
    ? parseTokenKeys(options.tokenEncryptionKeys)
    : loadOrCreateTokenKeys(options.dataDir, warn);
  const executor: SqlExecutor = options.databaseUrl
    ? await openPostgresExecutor({
        connectionString: options.databaseUrl,
        ...(options.poolSize ? { max: options.poolSize } : {}),
        onListenError: (error) => options.logger?.warn('store.connection_error', { error: error.name }),
      })
    : await openPgliteExecutor(join(options.dataDir, 'pglite'));
  try {
    const applied = await migrate(executor);
    if (applied.length > 0)
      options.logger?.info('store.migrated', { engine: executor.engine, versions: applied.join(',') });
    if (executor.engine === 'pglite') {
      // This process alone has the data directory: every lease in it belonged to a process that
      // is gone, so its pollers, creates in flight and webhook deliveries are resolved now, not after the lease.
      await executor.query('UPDATE idempotency_keys SET lease_until = 0 WHERE outcome IS NULL');
      await executor.query('DELETE FROM watch_leases');
      await executor.query(
        `UPDATE webhook_deliveries SET lease_until = 0 WHERE state = 'pending' AND lease_until > 0`,
      );
    }
    const [{ schema } = { schema: 'public' }] = await executor.query<{ schema: string }>(
      'SELECT current_schema() AS schema',
    );
    const store = new SqlTokenStore(
      executor,
      createTokenCipher(keys),
      channelFor('status', schema),
      channelFor('outbox', schema),
    );
    await store.start();
    return store;
  } catch (error) {
    await executor.close().catch(() => {});
    throw error;
  }
}
