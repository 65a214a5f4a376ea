/**
 * @module
 * The connections to SmartPay: at most `maxConnections`, kept alive between calls. Calls beyond
 * wait in undici's queue, so thousands of pending tokens cannot open thousands of sockets (the
 * server's own descriptors) or flood SmartPay.
 */
import { Agent, fetch as undiciFetch } from 'undici';

export interface ConnectionPool {
  /** A fetch whose calls go through the pool. */
  readonly fetch: typeof fetch;
  /** Calls sent and not answered yet (headers), and connections open now. */
  stats(): { inFlight: number; queued: number; connections: number };
  close(): Promise<void>;
}

export function createConnectionPool(maxConnections: number): ConnectionPool {
  const agent = new Agent({ connections: maxConnections, keepAliveTimeout: 10_000 });
  const poolFetch = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  return {
    fetch: poolFetch,
    stats() {
      let inFlight = 0;
      let queued = 0;
      let connections = 0;
      for (const pool of Object.values(agent.stats)) {
        inFlight += pool.running;
        queued += pool.pending;
        connections += Number(pool.connected);
      }
      return { inFlight, queued, connections };
    },
    close: () => agent.close(),
  };
}
