/**
 * @module
 * A server-sent-events body written by pushing, never awaiting the reader: a slow or gone
 * browser cannot stall the watcher that feeds many streams.
 */

export interface EventStream {
  readonly body: ReadableStream<Uint8Array>;
  /** `event: <name>` and `data: <json>` lines, and `id: <id>` when given (a reconnect sends it back as Last-Event-ID). */
  send(event: string, data: unknown, id?: string): void;
  /** A `retry: <ms>` line: how long the browser waits before it reconnects. */
  retry(ms: number): void;
  /** A `: <text>` comment line (heartbeats). */
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

/** `onCancel` runs once when the reader goes away (the browser disconnected), not on `close()`. */
export function createEventStream(onCancel: () => void): EventStream {
  const encoder = new TextEncoder();
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
    // JSON.stringify never emits a raw newline, so the data is one `data:` line.
    send: (event, data, id) =>
      write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    retry: (ms) => write(`retry: ${Math.round(ms)}\n\n`),
    comment: (text) => write(`: ${text}\n\n`),
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
