import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';

/** What @hono/node-server passes as the app's `env`: the Node request and response. */
interface NodeBindings {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
}

/**
 * An app that serves fetch requests: a Hono app is one. Written out rather than taken from
 * @hono/node-server, whose typings need the DOM lib (WebSocket events) that a Node app may not have.
 */
export interface FetchApp {
  fetch(request: Request, env: NodeBindings): Response | Promise<Response>;
}

/** A request after a body parser (`express.json()`, `body-parser`, …) has read it: the result is in `body`. */
type ParsedRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

/** A Node request handler: for `http.createServer`, Express's `app.use(path, …)`, Connect and the like. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The app as a Node request handler, for mounting into node:http or Express. It is
 * @hono/node-server's `getRequestListener`, plus one thing: a request whose body a parser mounted
 * earlier (a global `express.json()`) has already read is served from what the parser left, instead
 * of from the emptied stream. Every check of the app still applies (media type, size, JSON, schema).
 */
export function createNodeListener(app: FetchApp): NodeListener {
  const listener = getRequestListener((request, env) => app.fetch(request, env as NodeBindings));
  return (req, res) => {
    restoreParsedBody(req as ParsedRequest);
    return listener(req, res);
  };
}

/**
 * Gives @hono/node-server the body back as `rawBody`, which it reads instead of the stream (as on
 * Google Cloud Functions). Buffers (`express.raw()`) and strings (`express.text()`) are the bytes
 * received; anything else came from a JSON parser and is written back as JSON: the same value,
 * not always the same bytes (whitespace and escapes may differ).
 */
function restoreParsedBody(req: ParsedRequest): void {
  if (!req.readableEnded || req.body === undefined || Buffer.isBuffer(req.rawBody)) return;
  const { body } = req;
  req.rawBody = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}
