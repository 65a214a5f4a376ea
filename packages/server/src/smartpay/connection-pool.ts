/**
 * @module
 * The connections to SmartPay: at most `maxConnections`, kept alive between calls. Calls beyond
 * wait in undici's queue, so thousands of pending tokens cannot open thousands of sockets (the
 * server's own descriptors) or flood SmartPay.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import type { HttpAnswer, HttpSend } from './transport.js';

export interface ConnectionPool {
  /** A fetch whose calls go through the pool. */
  readonly fetch: typeof fetch;
  /**
   * One request through the pool without fetch's machinery (web Request, Response and streams,
   * a fraction of a millisecond of CPU per call): the status, the headers and the body as text.
   * No redirect is followed and no content encoding is asked for.
   */
  readonly send: HttpSend;
  /** Calls sent and not answered yet (headers), and connections open now. */
  stats(): { inFlight: number; queued: number; connections: number };
  close(): Promise<void>;
}

type AnswerHeaders = Record<string, string | string[] | undefined>;

/** The answer of `agent.request` seen as {@link HttpAnswer}. */
function answerOf(statusCode: number, headers: AnswerHeaders, text: () => Promise<string>): HttpAnswer {
  return {
    status: statusCode,
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text,
  };
}

export function createConnectionPool(maxConnections: number): ConnectionPool {
  const agent = new Agent({ connections: maxConnections, keepAliveTimeout: 10_000 });
  const poolFetch = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  const send: HttpSend = async (url, init) => {
    const { origin, pathname, search } = new URL(url);
    const { statusCode, headers, body } = await agent.request({
      origin,
      path: pathname + search,
      method: init.method as 'GET' | 'POST',
      headers: init.headers ?? {},
      body: init.body ?? null,
      signal: init.signal,
    });
    return answerOf(statusCode, headers, () => body.text());
  };
  return {
    fetch: poolFetch,
    send,
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
