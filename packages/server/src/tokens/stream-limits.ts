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

/** A client told "too many" tries again after this; a full server after a little less. */
const RETRY_AFTER_CLIENT_S = 30;
const RETRY_AFTER_FULL_S = 10;

/** An admitted stream's place: its methods are shared, not closures per stream. */
class Place {
  readonly admitted = true;
  lastEventAt: number;
  constructor(
    private readonly limits: Limits,
    readonly clientKey: string,
    readonly tokenId: string,
    readonly stream: TrackedStream,
  ) {
    this.lastEventAt = limits.now();
  }
  touch(): void {
    this.lastEventAt = this.limits.now();
  }
  release(): void {
    this.limits.release(this);
  }
}

class Limits implements StreamLimits {
  readonly now: () => number;
  readonly #options: StreamLimitsOptions;
  readonly #places = new Set<Place>();
  readonly #perClient = new Map<string, number>();
  readonly #perToken = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: StreamLimitsOptions) {
    this.#options = options;
    this.now = options.now ?? Date.now;
  }

  get open(): number {
    return this.#places.size;
  }

  admit(clientKey: string, tokenId: string, stream: TrackedStream): Admission {
    const options = this.#options;
    if (this.#places.size >= options.maxStreams)
      return { admitted: false, reason: 'total', retryAfterSeconds: RETRY_AFTER_FULL_S };
    if ((this.#perClient.get(clientKey) ?? 0) >= options.maxPerClient)
      return { admitted: false, reason: 'client', retryAfterSeconds: RETRY_AFTER_CLIENT_S };
    if ((this.#perToken.get(tokenId) ?? 0) >= options.maxPerToken)
      return { admitted: false, reason: 'token', retryAfterSeconds: RETRY_AFTER_CLIENT_S };
    const place = new Place(this, clientKey, tokenId, stream);
    this.#places.add(place);
    bump(this.#perClient, clientKey, 1);
    bump(this.#perToken, tokenId, 1);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#beat(), options.heartbeatMs);
      this.#timer.unref();
    }
    return place;
  }

  /** Frees a place (once; later calls do nothing). */
  release(place: Place): void {
    if (!this.#places.delete(place)) return;
    bump(this.#perClient, place.clientKey, -1);
    bump(this.#perToken, place.tokenId, -1);
    if (this.#places.size === 0) this.close();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One pass over every stream: a heartbeat, or the close of one idle too long. */
  #beat(): void {
    const at = this.now();
    for (const place of [...this.#places]) {
      if (at - place.lastEventAt >= this.#options.idleMs) place.stream.closeIdle();
      else place.stream.heartbeat();
    }
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

export function createStreamLimits(options: StreamLimitsOptions): StreamLimits {
  return new Limits(options);
}
