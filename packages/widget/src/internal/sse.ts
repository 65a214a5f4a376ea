/** One server-sent event: its `event` field (default `message`), its joined `data` lines, the last event id. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string;
}

/**
 * Reads `text/event-stream` from a fetch body (EventSource cannot send an Authorization header).
 * Follows the HTML spec's parsing: any line ending, `:` comments, multi-line `data`, one optional
 * space after the colon, `id` (kept for the events after it, to resume with Last-Event-ID; `id` is
 * the one resumed from) and `retry` (the reconnection delay the server asks for, given to
 * `onRetry`). `onActivity` runs for every chunk, heartbeats included, to detect stalls.
 */
export async function* readEvents(
  body: ReadableStream<Uint8Array>,
  onActivity?: () => void,
  onRetry?: (ms: number) => void,
  id = '',
): AsyncGenerator<ServerSentEvent> {
  const reader = body.pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>).getReader();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  try {
    for (let done = false; !done; ) {
      const chunk = await reader.read();
      done = chunk.done;
      if (!done) onActivity?.();
      // A trailing \r may be the first half of \r\n: kept for the next chunk. At the end, a character
      // that ends no line makes it a line end, and is dropped with the unfinished line.
      buffer += chunk.value ?? '.';
      const lines = buffer.split(/\r\n|\r(?!$)|\n/);
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line) {
          if (data.length) yield { event: event || 'message', data: data.join('\n'), id };
          event = '';
          data = [];
        } else if (line[0] !== ':') {
          // `field: text`, `field:text`, or a field alone (its text empty).
          const [, field, text = ''] = /^([^:]*)(?:: ?(.*))?$/s.exec(line)!;
          if (field === 'event') event = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id' && !text.includes('\0')) id = text;
          else if (field === 'retry' && /^\d+$/.test(text)) onRetry?.(Number(text));
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
