/**
 * @module
 * The shared engine: a PostgreSQL server through node-postgres, pooled. LISTEN needs a connection
 * of its own, kept open and re-opened (with a growing pause) when it drops. The statements of a
 * create are named prepared statements: behind PgBouncer in transaction mode that needs
 * PgBouncer 1.21 or later with `max_prepared_statements` set.
 */
import pg from 'pg';
import { quoteIdentifier, type SqlExecutor, type SqlQueryable } from './executor.js';

export interface PostgresExecutorOptions {
  connectionString: string;
  /** Pool size (10). */
  max?: number;
  /** Told when the LISTEN connection drops; polling still catches what it missed. */
  onListenError?: (error: Error) => void;
}

const MAX_RECONNECT_PAUSE_MS = 10_000;

export async function openPostgresExecutor(options: PostgresExecutorOptions): Promise<SqlExecutor> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onListenError?.(error));
  await pool.query('SELECT 1');
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listener: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let pause = 100;

  const asQueryable = (client: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query(sql, params = []) {
      const text = typeof sql === 'string' ? sql : { name: sql.name, text: sql.text };
      return (await client.query(text, [...params])).rows;
    },
  });

  /** Opens the LISTEN connection and listens on every channel wanted. */
  function connectListener(): Promise<void> {
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: options.connectionString });
      client.on('notification', (message) => {
        for (const onPayload of listeners.get(message.channel) ?? []) onPayload(message.payload ?? '');
      });
      client.on('error', (error) => {
        options.onListenError?.(error);
        if (listener === client) listener = undefined;
        client.end().catch(() => {});
        scheduleReconnect();
      });
      await client.connect();
      for (const channel of listeners.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      listener = client;
      pause = 100;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  function scheduleReconnect(): void {
    if (closed || listeners.size === 0) return;
    const wait = pause;
    pause = Math.min(pause * 2, MAX_RECONNECT_PAUSE_MS);
    setTimeout(() => {
      if (!closed && !listener) connectListener().catch(() => scheduleReconnect());
    }, wait).unref();
  }

  return {
    engine: 'postgres',
    ...asQueryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (listener) await listener.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      set.add(onPayload);
      if (!listener) await connectListener();
      return async () => {
        set.delete(onPayload);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
