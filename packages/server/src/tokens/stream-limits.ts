/**
 * @module
 * The open event streams of this instance: how many there may be (in total, per client address,
 * per token), one timer for all their heartbeats, and the close of streams idle too long (the
 * widget reconnects, resuming with `Last-Event-ID`). A stream costs a socket and some memory
 * while pending: these caps keep one client (or a crowd) from exhausting the server.
 */

export interface StreamLimitsOptions {
  /** Open streams on this instance at most. */
  maxStreams: number;
  /** Open streams per client address at most. */
  maxPerClient: number;
  /** Open streams per token at most (a shopper's tabs). */
  maxPerToken: number;
  /** A `: heartbeat` comment on every stream this often. */
  heartbeatMs: number;
  /** A stream with no event for this long is closed with a `retry:` hint. */
  idleMs: number;
  now?: () => number;
}

/** What a stream does when the limits call on it. */
export interface TrackedStream {
  heartbeat(): void;
  /** Closed for idleness: tell the client when to reconnect, then end. */
  closeIdle(): void;
}

export type Admission =
  | {
      readonly admitted: true;
      /** The stream sent an event: its idle time starts over. */
      touch(): void;
      /** The stream ended: frees its place (once; later calls do nothing). */
      release(): void;
    }
  | {
      readonly admitted: false;
      readonly reason: 'total' | 'client' | 'token';
      readonly retryAfterSeconds: number;
    };

export interface StreamLimits {
  admit(clientKey: string, tokenId: string, stream: TrackedStream): Admission;
  /** Streams open now. */
  readonly open: number;
  /** Stops the heartbeat timer. */
  close(): void;
}

interface Entry {
  readonly clientKey: string;
  readonly tokenId: string;
  readonly stream: TrackedStream;
  lastEventAt: number;
}

/** A client told "too many" tries again after this; a full server after a little less. */
const RETRY_AFTER_CLIENT_S = 30;
const RETRY_AFTER_FULL_S = 10;

export function createStreamLimits(options: StreamLimitsOptions): StreamLimits {
  const now = options.now ?? Date.now;
  const entries = new Set<Entry>();
  const perClient = new Map<string, number>();
  const perToken = new Map<string, number>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const bump = (counts: Map<string, number>, key: string, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0) counts.set(key, next);
    else counts.delete(key);
  };

  function beat(): void {
    const at = now();
    for (const entry of [...entries]) {
      if (at - entry.lastEventAt >= options.idleMs) entry.stream.closeIdle();
      else entry.stream.heartbeat();
    }
  }

  return {
    admit(clientKey, tokenId, stream) {
      if (entries.size >= options.maxStreams)
        return { admitted: false, reason: 'total', retryAfterSeconds: RETRY_AFTER_FULL_S };
      if ((perClient.get(clientKey) ?? 0) >= options.maxPerClient)
        return { admitted: false, reason: 'client', retryAfterSeconds: RETRY_AFTER_CLIENT_S };
      if ((perToken.get(tokenId) ?? 0) >= options.maxPerToken)
        return { admitted: false, reason: 'token', retryAfterSeconds: RETRY_AFTER_CLIENT_S };
      const entry: Entry = { clientKey, tokenId, stream, lastEventAt: now() };
      entries.add(entry);
      bump(perClient, clientKey, 1);
      bump(perToken, tokenId, 1);
      if (!timer) {
        timer = setInterval(beat, options.heartbeatMs);
        timer.unref();
      }
      return {
        admitted: true,
        touch() {
          entry.lastEventAt = now();
        },
        release() {
          if (!entries.delete(entry)) return;
          bump(perClient, clientKey, -1);
          bump(perToken, tokenId, -1);
          if (entries.size === 0) {
            clearInterval(timer);
            timer = undefined;
          }
        },
      };
    },
    get open() {
      return entries.size;
    },
    close() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
