import { isFinalStatus, STATUS_EVENT } from '@smartpay/contract/core';
import type { PublicToken } from '../types.js';
import { ApiError, api, type TokenAccess } from './api.js';
import { readEvents } from './sse.js';
import { backoff, sleep, timing } from './timing.js';

export interface FollowOptions extends TokenAccess {
  /** Aborting stops everything: the stream, the polls, the timers, the listeners. */
  readonly signal: AbortSignal;
  /** Every status read, repeats included; the caller keeps what changed. */
  readonly onToken: (token: PublicToken) => void;
}

type StreamOutcome = 'final' | 'timeout' | 'dropped' | 'failed';

/** A status the follower can stop at: final, and for ACTIVE with the card known (the page is told it). */
const settled = (token: PublicToken): boolean =>
  isFinalStatus(token.status) && (token.status !== 'ACTIVE' || !!token.card);

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
  let streaming = true;
  /** Rounds in a row without news: sets the backoff. */
  let idle = 0;
  /** Connections in a row that brought no status at all: two of them mean streaming does not work here. */
  let failedStreams = 0;
  let last = '';
  /** Where the stream stopped, and how long the server asked to wait before reconnecting. */
  const resume = { id: '', retry: 0 };
  const onToken = (token: PublicToken) => {
    if (token.status !== last) idle = 0;
    last = token.status;
    options.onToken(token);
  };
  while (!signal.aborted) {
    idle++;
    if (streaming) {
      const outcome = await stream(options, onToken, resume);
      if (outcome === 'final') return;
      failedStreams = outcome === 'failed' ? failedStreams + 1 : 0;
      if (outcome === 'timeout' || failedStreams > 1) {
        streaming = false;
        idle = 0;
      }
    } else {
      try {
        const token = await api.token(options, signal);
        onToken(token);
        if (settled(token)) return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) throw error;
      }
    }
    const wait = streaming && resume.retry ? resume.retry : Math.min(backoff(idle - 1), timing.pollMax);
    await pause(wait, signal);
  }
}

/** One SSE connection, until it ends, stalls (no byte, not even a heartbeat), or brings a final status. */
async function stream(
  options: FollowOptions,
  onToken: (token: PublicToken) => void,
  resume: { id: string; retry: number },
): Promise<StreamOutcome> {
  const stall = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), timing.streamIdle);
  };
  let received = false;
  try {
    alive();
    const signal = AbortSignal.any([options.signal, stall.signal]);
    const response = await api.events(options, resume.id, signal);
    if (!response.ok || !response.body) return 'failed';
    const events = readEvents(response.body, alive, (ms) => (resume.retry = ms), resume.id);
    for await (const message of events) {
      resume.id = message.id;
      if (message.event === 'timeout') return 'timeout';
      if (message.event !== STATUS_EVENT) continue;
      const token = JSON.parse(message.data) as PublicToken;
      received = true;
      onToken(token);
      if (settled(token)) return 'final';
    }
  } catch {
    // A dropped connection, a stall, or a garbled event: reconnect (or stop, if aborted).
  } finally {
    clearTimeout(timer);
    stall.abort();
  }
  return received ? 'dropped' : 'failed';
}

/**
 * Waits `ms`, but never polls a hidden page: while hidden it waits to be shown, then goes at once.
 * An abort ends it, hidden or not.
 */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, signal, document, 'visibilitychange');
  while (document.hidden && !signal.aborted) await sleep(2 ** 31 - 1, signal, document, 'visibilitychange');
}
