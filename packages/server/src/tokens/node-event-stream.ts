/**
 * @module
 * An event stream written straight to Node's response (`c.env.outgoing` under @hono/node-server
 * or {@link createNodeListener}): no Web stream, no reader loop and no Response held per stream,
 * which were most of an open stream's memory. Same bytes on the wire as {@link createEventStream}.
 *
 * The app's middleware adds headers after the handler returns (CORS, security headers, the
 * request id), so the head is written by {@link nodeEventStreamHeads}, mounted first: it takes
 * the finished answer's status and headers, writes them and what was sent meanwhile, and tells
 * @hono/node-server that the answer is already sent.
 */
import { type OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { commentText, type EventStream, eventText, retryText } from './event-stream.js';

/** A browser that leaves this much of its stream unread is too slow: the stream ends (it reconnects). */
export const MAX_UNREAD_BYTES = 64 * 1024;

/** The header by which @hono/node-server leaves an answer alone (`RESPONSE_ALREADY_SENT`). */
const ALREADY_SENT = 'x-hono-already-sent';

/** What the stream uses of Node's response (a `ServerResponse`). */
export interface NodeResponse {
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  write(chunk: string): boolean;
  end(): unknown;
  flushHeaders(): void;
  destroy(): unknown;
  readonly destroyed: boolean;
  /** Bytes written and not yet taken by the socket. */
  readonly writableLength: number;
}

/** Streams whose head waits for the middleware, by their Node response. */
const awaitingHead = new WeakMap<NodeResponse, NodeEventStream>();

/** The HTTP/1 Node response of this request when the app runs on Node's http server, not yet begun. */
export function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : undefined;
}

export class NodeEventStream implements EventStream {
  readonly body = null;
  readonly #outgoing: NodeResponse;
  readonly #onCancel: () => void;
  /** What was sent before the head is written; undefined once it is. */
  #pending: string | undefined = '';
  #closed = false;
  readonly #gone = () => {
    if (this.#closed) return;
    this.#closed = true;
    awaitingHead.delete(this.#outgoing);
    this.#onCancel();
  };

  /** `onCancel` runs once when the browser goes away (or reads too slowly), not on `close()`. */
  constructor(outgoing: NodeResponse, onCancel: () => void) {
    this.#outgoing = outgoing;
    this.#onCancel = onCancel;
    outgoing.once('close', this.#gone);
    awaitingHead.set(outgoing, this);
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(event: string, data: unknown, id?: string): void {
    this.#write(eventText(event, data, id));
  }

  retry(ms: number): void {
    this.#write(retryText(ms));
  }

  comment(text: string): void {
    this.#write(commentText(text));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#outgoing.off('close', this.#gone);
    if (this.#pending === undefined) this.#outgoing.end();
  }

  /** The head, then what was sent meanwhile; the end too if the stream closed meanwhile. */
  begin(status: number, headers: OutgoingHttpHeaders): void {
    const outgoing = this.#outgoing;
    const pending = this.#pending;
    this.#pending = undefined;
    if (outgoing.destroyed) {
      this.#gone(); // the browser left, maybe before this stream listened for it
      return;
    }
    outgoing.writeHead(status, headers);
    flattenHead(outgoing);
    if (pending) outgoing.write(pending);
    else outgoing.flushHeaders();
    if (this.#closed) outgoing.end();
  }

  /** The answer is not this stream after all (an error): nothing of it is written. */
  abandon(): void {
    this.#pending = undefined;
    this.#outgoing.off('close', this.#gone);
    if (this.#closed) return;
    this.#closed = true;
    this.#onCancel();
  }

  #write(text: string): void {
    if (this.#closed) return;
    if (this.#pending !== undefined) {
      this.#pending += text;
      return;
    }
    const outgoing = this.#outgoing;
    outgoing.write(text);
    if (outgoing.writableLength > MAX_UNREAD_BYTES) outgoing.destroy();
  }
}

/**
 * Writes the head of a {@link NodeEventStream} once the app's middleware has finished the answer.
 * Mount it before every other middleware, so that theirs are the headers it writes.
 */
export function nodeEventStreamHeads(): MiddlewareHandler {
  return async function nodeEventStreamHead(c, next) {
    await next();
    const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
    if (!(outgoing instanceof ServerResponse)) return;
    const stream = awaitingHead.get(outgoing);
    if (!stream) return;
    awaitingHead.delete(outgoing);
    const res = c.res;
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
      stream.abandon();
      return;
    }
    stream.begin(res.status, nodeHeaders(res.headers));
    res.headers.set(ALREADY_SENT, 'true');
    // @hono/node-server's own Response answers from a cache that does not look at that header;
    // reading its body (null) moves it to the full Response, which node-server does check.
    void res.body;
  };
}

/**
 * Node builds the head by concatenation and keeps it (`_header`) while the answer is open: a tree
 * of ~90 string pieces, ~3 KB. Reading a character makes V8 flatten it into one string.
 */
function flattenHead(outgoing: NodeResponse): void {
  const head: unknown = (outgoing as { _header?: unknown })._header;
  if (typeof head === 'string') head.charCodeAt(0);
}

function nodeHeaders(headers: Headers): OutgoingHttpHeaders {
  const record: OutgoingHttpHeaders = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') record[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) record['set-cookie'] = cookies;
  return record;
}
