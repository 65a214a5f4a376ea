/**
 * @module
 * A server-sent-events body written by pushing, never awaiting the reader: a slow or gone
 * browser cannot stall the watcher that feeds many streams. This is the Web-stream form, for
 * runtimes other than Node's http server; there, {@link NodeEventStream} writes to the response.
 */

export interface EventStream {
  /** The answer's body: a Web stream, or null when the stream writes to Node's response itself. */
  readonly body: ReadableStream<Uint8Array> | null;
  /** `event: <name>` and `data: <json>` lines, and `id: <id>` when given (a reconnect sends it back as Last-Event-ID). */
  send(event: string, data: unknown, id?: string): void;
  /** A `retry: <ms>` line: how long the browser waits before it reconnects. */
  retry(ms: number): void;
  /** A `: <text>` comment line (heartbeats). */
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

// JSON.stringify never emits a raw newline, so the data is one `data:` line.
export const eventText = (event: string, data: unknown, id?: string): string =>
  `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
export const retryText = (ms: number): string => `retry: ${Math.round(ms)}\n\n`;
export const commentText = (text: string): string => `: ${text}\n\n`;

const encoder = new TextEncoder();

/** `onCancel` runs once when the reader goes away (the browser disconnected), not on `close()`. */
export function createEventStream(onCancel: () => void): EventStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      if (closed) return;
      closed = true;
      onCancel();
    },
  });
  const write = (text: string) => {
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  return {
    body,
    send: (event, data, id) => write(eventText(event, data, id)),
    retry: (ms) => write(retryText(ms)),
    comment: (text) => write(commentText(text)),
    close() {
      if (closed) return;
      closed = true;
      controller.close();
    },
    get closed() {
      return closed;
    },
  };
}
