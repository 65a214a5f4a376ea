#!/usr/bin/env node
/**
 * Starts the merchant server from environment variables (see the README for the list). A bad
 * value stops it with a message naming the variable. Tokens, idempotency keys and leases are kept
 * in PostgreSQL (DATABASE_URL) or, by default, in embedded PGlite under DATA_DIR.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, configWarnings, loadConfig, type ServerConfig } from './config/load-config.js';
import { capConnections, connectionOptions } from './connection-limits.js';
import { createJsonLogger } from './logging/logger.js';
import { openTokenStore } from './store/open-store.js';
import type { SqlTokenStore } from './store/sql/sql-token-store.js';

let config: ServerConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`smartpay-server: ${error.message}`);
  process.exit(1);
}

const logger = createJsonLogger({ level: config.logLevel });
for (const message of configWarnings(config)) logger.warn('config.warning', { message });

const opening = Date.now();
let store: SqlTokenStore;
try {
  store = await openTokenStore({ ...config, logger });
} catch (error) {
  // The URL may hold a password: name the problem, not the value.
  console.error(`smartpay-server: could not open the token store: ${(error as Error).message}`);
  process.exit(1);
}
logger.info('store.opened', {
  engine: config.databaseUrl ? 'postgres' : 'pglite',
  ms: Date.now() - opening,
  ...(config.databaseUrl ? {} : { dataDir: config.dataDir }),
});

const shutdown = new AbortController();
const instanceId = randomUUID();
const app = createApp({ ...config, logger, store, instanceId, signal: shutdown.signal });
const limits = {
  ...(config.maxConnections ? { maxConnections: config.maxConnections } : {}),
  ...(config.headersTimeoutMs ? { headersTimeoutMs: config.headersTimeoutMs } : {}),
  ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
};
const server = serve(
  { fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: connectionOptions(limits) },
  (info) => {
    logger.info('server.listening', {
      url: `http://localhost:${info.port}`,
      host: config.host,
      instance: instanceId,
      smartpay: config.smartpayBaseUrl,
      demo: config.staticDir ? 'served' : 'none',
    });
  },
);
capConnections(server as Server, limits);

/** Ends every event stream, lets requests in flight finish (up to 5 s), closes the store, then exits. */
function stop(signal: string): void {
  logger.info('server.stopping', { signal });
  shutdown.abort();
  server.close(() => {
    store.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  });
  // Connections that just finished a stream turn idle after close() was called: keep closing them.
  if ('closeIdleConnections' in server) {
    const idle = server;
    setInterval(() => idle.closeIdleConnections(), 50).unref();
  }
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
