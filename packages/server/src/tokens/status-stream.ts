/**
 * @module
 * One open stream of a token's statuses to one browser: each status sent once (a reconnect names
 * the last it had, Last-Event-ID), heartbeats and the idle close when the stream limits call, the
 * end after a final status, and, however it ends, its place and its subscription freed once.
 * One object per stream with its methods shared: thousands are open at once, and a dozen
 * closures each would add up.
 */
import { isFinalStatus, type PublicToken, STATUS_EVENT } from '@smartpay/contract';
import { errorBody } from '../errors/error-handler.js';
import { MerchantError } from '../errors/merchant-error.js';
import type { Logger } from '../logging/logger.js';
import type { WatchEvent, WatchListener } from '../watcher/status-watcher.js';
import type { EventStream } from './event-stream.js';
import type { Admission, TrackedStream } from './stream-limits.js';

/** A stream closed for idleness asks the browser to reconnect after this (it resumes with Last-Event-ID). */
export const IDLE_RECONNECT_MS = 1_000;

export interface StatusStreamOptions {
  tokenId: string;
  /** The request's logger and id (the id goes into an `error` event's body). */
  logger: Logger;
  requestId: string;
  /** The status the browser already has (its Last-Event-ID), if any. */
  lastStatus: string | undefined;
  now?: () => number;
}

type Admitted = Extract<Admission, { admitted: true }>;

export class StatusStream implements TrackedStream {
  readonly #options: StatusStreamOptions;
  readonly #opened: number;
  #lastStatus: string | undefined;
  #stream: EventStream | undefined;
  #admission: Admitted | undefined;
  #unsubscribe: (() => void) | undefined;
  #ended = false;
  /** For the watcher: what it tells this stream. */
  readonly listener: WatchListener = (event) => this.#onEvent(event);
  /** For the event stream: the browser went away. */
  readonly cancelled = (): void => this.#end();

  constructor(options: StatusStreamOptions) {
    this.#options = options;
    this.#opened = (options.now ?? Date.now)();
    this.#lastStatus = options.lastStatus;
  }

  /** The stream it writes to (made with {@link cancelled} as its cancel). */
  attach(stream: EventStream): void {
    this.#stream = stream;
  }

  /** Its place among the open streams: events touch it, the end releases it. */
  admitted(admission: Admitted): void {
    this.#admission = admission;
  }

  /** Not admitted: nothing to free, nothing to log as closed. */
  refused(): void {
    this.#ended = true;
    this.#stream?.close();
  }

  /** The watcher's stop for this stream; called at once if the stream already ended. */
  subscribed(unsubscribe: () => void): void {
    if (this.#ended || this.closed) unsubscribe();
    else this.#unsubscribe = unsubscribe;
  }

  get closed(): boolean {
    return this.#stream?.closed ?? true;
  }

  /** Sends the status unless the browser has it; a final status ends the stream. */
  sendStatus(token: PublicToken): void {
    if (token.status !== this.#lastStatus) {
      this.#lastStatus = token.status;
      this.#stream?.send(STATUS_EVENT, token, token.status);
      this.#admission?.touch();
    }
    if (isFinalStatus(token.status)) this.#finish();
  }

  heartbeat(): void {
    this.#stream?.comment('heartbeat');
  }

  closeIdle(): void {
    this.#stream?.retry(IDLE_RECONNECT_MS);
    this.#finish();
  }

  #onEvent(event: WatchEvent): void {
    switch (event.type) {
      case 'status':
        this.sendStatus(event.token);
        return;
      case 'timeout':
        this.#stream?.send('timeout', event.token);
        break;
      case 'gone': {
        const gone = new MerchantError('not_found', 'No such network token.');
        this.#stream?.send('error', errorBody(gone, this.#options.requestId));
        break;
      }
      case 'closed':
        break;
    }
    this.#finish();
  }

  #finish(): void {
    this.#end();
    this.#stream?.close();
  }

  /** Frees the place and the subscription, once. */
  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#admission?.release();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const { logger, tokenId, now = Date.now } = this.#options;
    logger.info('sse.closed', { tokenId, durationMs: now() - this.#opened });
  }
}
