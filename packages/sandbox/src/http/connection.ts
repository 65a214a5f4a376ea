import type { IncomingMessage } from 'node:http';

/**
 * Stands for a connection reset where there is no socket to reset: `sandbox.fetch` turns it into
 * the TypeError undici throws, and `app.request()` rejects with it.
 */
export class ConnectionResetError extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('read ECONNRESET (the sandbox dropped the connection, as a queued fault asked)');
    this.name = 'ConnectionResetError';
  }
}

/** The bindings @hono/node-server passes as `c.env`. */
interface NodeBindings {
  readonly incoming?: IncomingMessage;
}

/**
 * Drops the request's connection without an answer: a TCP reset on a real socket (the client sees
 * ECONNRESET), or a ConnectionResetError when the app runs in process.
 */
export function dropConnection(env: unknown): Response {
  const socket = (env as NodeBindings | undefined)?.incoming?.socket;
  if (!socket) throw new ConnectionResetError();
  socket.resetAndDestroy();
  // Nobody reads this: the socket is gone. @hono/node-server still wants a Response.
  return new Response(null, { status: 500 });
}
