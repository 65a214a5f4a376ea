/** Reads server-sent events from a response body, for tests. */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseReader {
  events: SseEvent[];
  comments: string[];
  /** Resolves when the stream ends. */
  ended: Promise<void>;
  /** Waits until `predicate(events)` holds; rejects after `timeoutMs`. */
  until(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  cancel(): Promise<void>;
}

export function readSse(response: Response): SseReader {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let finished = false;
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const comment = lines.find((l) => l.startsWith(':'));
        if (comment) comments.push(comment.slice(1).trim());
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event !== undefined || data !== undefined)
          events.push({ event: event ?? 'message', data: data ?? '' });
        end = buffer.indexOf('\n\n');
      }
      for (const wake of waiters) wake();
    }
    finished = true;
    for (const wake of waiters) wake();
  })();
  return {
    events,
    comments,
    ended,
    until(predicate, timeoutMs = 3_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (predicate(events)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (finished) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`stream ended; events: ${JSON.stringify(events)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; events: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    cancel: () => reader.cancel(),
  };
}

export const statuses = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'status').map((e) => (JSON.parse(e.data) as { status: string }).status);
