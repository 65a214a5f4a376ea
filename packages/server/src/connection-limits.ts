/**
 * @module
 * The Node server's own limits, chosen on purpose rather than left at Node's defaults (which held
 * a slow body for 300 s and let connections grow without bound): how long a client may take to
 * send its headers and its whole request, how long an idle keep-alive connection stays, and how
 * many connections are open at once (beyond, new ones are closed at once, so the process keeps
 * descriptors and memory for the ones it serves: `/healthz` included).
 */
import type { Server, ServerOptions } from 'node:http';

export interface ConnectionLimits {
  /** The request line and headers must arrive within this (ms). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (ms). Event streams are answers, not requests: they stay. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveTimeoutMs: number;
  /** Open connections at most. */
  maxConnections: number;
}

/** 10 s for headers, 30 s for a request (bodies are at most 64 KB), 5 s keep-alive, 6,000 connections (5,000 streams and room). */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 6_000,
};

/** Options for `http.createServer` (`serverOptions` of @hono/node-server's `serve`): the timeouts, checked often enough. */
export function connectionOptions(limits: Partial<ConnectionLimits> = {}): ServerOptions {
  const chosen = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
  return {
    headersTimeout: chosen.headersTimeoutMs,
    requestTimeout: chosen.requestTimeoutMs,
    keepAliveTimeout: chosen.keepAliveTimeoutMs,
    // Node checks both timeouts this often (30 s by default): a limit of a few seconds needs it shorter.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, chosen.headersTimeoutMs / 2)),
  };
}

/** The cap on open connections, set on a server that exists. */
export function capConnections(
  server: Pick<Server, 'maxConnections'>,
  limits: Partial<ConnectionLimits> = {},
): void {
  server.maxConnections = limits.maxConnections ?? DEFAULT_CONNECTION_LIMITS.maxConnections;
}
