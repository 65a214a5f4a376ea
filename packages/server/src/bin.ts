#!/usr/bin/env node
/**
 * Starts the merchant server from environment variables (see the README for the list). A bad
 * value stops it with a message naming the variable.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, configWarnings, loadConfig, type ServerConfig } from './config/load-config.js';
import { createJsonLogger } from './logging/logger.js';

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

const shutdown = new AbortController();
const app = createApp({ ...config, logger, signal: shutdown.signal });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info('server.listening', {
    url: `http://localhost:${info.port}`,
    host: config.host,
    smartpay: config.smartpayBaseUrl,
    demo: config.staticDir ? 'served' : 'none',
  });
});

/** Ends every event stream, lets requests in flight finish (up to 5 s), then exits. */
function stop(signal: string): void {
  logger.info('server.stopping', { signal });
  shutdown.abort();
  server.close(() => process.exit(0));
  // Connections that just finished a stream turn idle after close() was called: keep closing them.
  if ('closeIdleConnections' in server) {
    const idle = server;
    setInterval(() => idle.closeIdleConnections(), 50).unref();
  }
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
