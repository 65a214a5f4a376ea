import { isFinalStatus, STATUS_EVENT } from '@smartpay/contract/core';
import type { PublicToken } from '../types.js';
import { type ApiError, readToken, statusEvents, type TokenAccess } from './api.js';
import { backoff, sleep, timing } from './timing.js';

export interface FollowOptions extends TokenAccess {
  /** Aborting stops everything: the stream, the polls, the timers, the listeners. */
  readonly signal: AbortSignal;
  /** Every status read, repeats included; the caller keeps what changed. */
  readonly onToken: (token: PublicToken) => void;
}

/**
 * Follows a token until its status is final. Reads the SSE stream first (with fetch, so it can send
 * the client secret) and reconnects when it drops, resuming with `Last-Event-ID` after the delay the
 * server asks for (`retry:`). Falls back to polling when streaming does not work here (two
 * connections in a row without a status) or the server's watcher gives up (its `timeout` event).
 * Polls back off while nothing changes and wait while the page is hidden. Resolves on a final status
 * or an abort; rejects when the token cannot be read (401, 404).
 */
export async function followStatus(options: FollowOptions): Promise<void> {
  const { signal } = options;
  /** Rounds in a row without news: sets the backoff. */
  let idle = 0;
  /** Connections in a row that brought no status at all: from two on (or after the `timeout` event), polling. */
  let failed = 0;
  let last = '';
  /** Where the stream stopped, and how long the server asked to wait before reconnecting. */
  let lastId = '';
  let retry = 0;
  /** Takes a status read; truthy for one the follower stops at: final, and for ACTIVE with the card (the page is told it). */
  const settled = (token: PublicToken): unknown => {
    if (token.status !== last) idle = 0;
    last = token.status;
    options.onToken(token);
    return isFinalStatus(token.status) && (token.status !== 'ACTIVE' || token.card);
  };

  /**
   * One SSE connection, until it ends, stalls (no byte, not even a heartbeat), or brings a final
   * status (true). Reads `text/event-stream` as the HTML spec does (EventSource cannot send an
   * Authorization header): any line ending, `:` comments, multi-line `data`, one optional space after
   * the colon, `id` (kept for the events after it) and `retry`. An event cut off by the end is dropped.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: true or nothing, as noImplicitReturns allows.
  const stream = async (): Promise<true | void> => {
    const stall = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stall.abort(), timing.streamIdle);
    };
    failed++;
    try {
      alive();
      const response = await statusEvents(options, lastId, AbortSignal.any([signal, stall.signal]));
      if (!response.ok) return;
      // Aborting `stall` (always, at the end) ends the body and its reader.
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let event = '';
      /** The data lines, each with its \n (JSON.parse ignores the last). */
      let data = '';
      let id = lastId;
      for (let chunk: ReadableStreamReadResult<string> | undefined; !chunk?.done; ) {
        chunk = await reader.read();
        alive();
        // A trailing \r may be the first half of \r\n: kept for the next chunk. At the end, a
        // character that ends no line makes it a line end, and is dropped with the unfinished line.
        buffer += chunk.value ?? '.';
        const lines = buffer.split(/\r\n|\r(?!$)|\n/);
        buffer = lines.pop()!;
        // A status event is a few hundred bytes: a line or an event this long is not one (memory bound).
        if (buffer.length + data.length > 65536) return;
        for (const line of lines) {
          if (!line) {
            if (data) {
              lastId = id;
              if (event === 'timeout') {
                failed = 2;
                return;
              }
              if (event === STATUS_EVENT) {
                const token = JSON.parse(data);
                failed = 0;
                if (settled(token)) return true;
              }
            }
            event = data = '';
          } else {
            // `field: text`, `field:text`, or a field alone (its text empty): split at the first
            // colon. A comment (`: heartbeat`) has no field name, so nothing below takes it.
            const [field, text = ''] = line.split(/: ?(.*)/s);
            if (field === 'event') event = text;
            else if (field === 'data') data += `${text}\n`;
            else if (field === 'id' && !text.includes('\0')) id = text;
            else if (field === 'retry' && /^\d+$/.test(text)) retry = +text;
          }
        }
      }
    } catch {
      // A dropped connection, a stall, or a garbled event: reconnect (or stop, if aborted).
    } finally {
      clearTimeout(timer);
      stall.abort();
    }
  };

  while (!signal.aborted) {
    idle++;
    if (failed < 2) {
      if (await stream()) return;
      if (failed > 1) idle = 0;
    } else {
      try {
        if (settled(await readToken(options, signal))) return;
      } catch (error) {
        if (signal.aborted) return;
        // The token cannot be read (send throws ApiErrors only).
        if ([401, 404].includes((error as ApiError).status)) throw error;
      }
    }
    // Never polls a hidden page: while hidden it waits to be shown, then goes at once (1e9 ms, 11
    // days, is only a bound under setTimeout's 2^31 − 1).
    for (let wait = failed < 2 && retry ? retry : Math.min(backoff(idle - 1), timing.pollMax); ; wait = 1e9) {
      await sleep(wait, signal, document, 'visibilitychange');
      if (!document.hidden || signal.aborted) break;
    }
  }
}
