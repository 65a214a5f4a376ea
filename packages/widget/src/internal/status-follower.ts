import { isFinalStatus, STATUS_EVENT } from '@smartpay/contract/core';
import type { PublicToken } from '../types.js';
import { ApiError, api } from './api.js';
import { readEvents } from './sse.js';
import { backoff, sleep, timing } from './timing.js';

export interface FollowOptions {
  readonly endpoint: string;
  readonly tokenId: string;
  readonly clientSecret: string;
  /** Aborting stops everything: the stream, the polls, the timers, the listeners. */
  readonly signal: AbortSignal;
  /** Every status read, repeats included; the caller keeps what changed. */
  readonly onToken: (token: PublicToken) => void;
}

type StreamOutcome = 'final' | 'timeout' | 'dropped' | 'failed';

/**
 * Follows a token until its status is final. Reads the SSE stream first (with fetch, so it can send
 * the client secret) and reconnects when it drops. Falls back to polling when streaming does not
 * work here (two connections in a row without a status) or the server's watcher gives up (its
 * `timeout` event). Polls back off while nothing changes and wait while the page is hidden.
 * Resolves on a final status or an abort; rejects when the token cannot be read (401, 404).
 */
export async function followStatus(options: FollowOptions): Promise<void> {
  const { signal } = options;
  let streaming = true;
  /** Rounds in a row without news: sets the backoff. */
  let idle = 0;
  /** Connections in a row that brought no status at all: two of them mean streaming does not work here. */
  let failedStreams = 0;
  let last = '';
  const onToken = (token: PublicToken) => {
    if (token.status !== last) idle = 0;
    last = token.status;
    options.onToken(token);
  };
  while (!signal.aborted) {
    if (streaming) {
      idle++;
      const outcome = await stream({ ...options, onToken });
      if (outcome === 'final') return;
      failedStreams = outcome === 'failed' ? failedStreams + 1 : 0;
      if (outcome === 'timeout' || failedStreams >= 2) {
        streaming = false;
        idle = 0;
      }
    } else {
      idle++;
      try {
        const token = await api.token(options.endpoint, options.tokenId, options.clientSecret, signal);
        onToken(token);
        if (isFinalStatus(token.status)) return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) throw error;
      }
    }
    await pause(Math.min(backoff(idle - 1), timing.pollMax), signal).catch(() => {});
  }
}

/** One SSE connection, until it ends, stalls (no byte, not even a heartbeat), or brings a final status. */
async function stream(options: FollowOptions): Promise<StreamOutcome> {
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
    const response = await api.events(options.endpoint, options.tokenId, options.clientSecret, signal);
    if (!response.ok || !response.body) return 'failed';
    for await (const message of readEvents(response.body, alive)) {
      if (message.event === 'timeout') return 'timeout';
      if (message.event !== STATUS_EVENT) continue;
      const token = JSON.parse(message.data) as PublicToken;
      received = true;
      options.onToken(token);
      if (isFinalStatus(token.status)) return 'final';
    }
  } catch {
    // A dropped connection, a stall, or a garbled event: reconnect (or stop, if aborted).
  } finally {
    clearTimeout(timer);
    stall.abort();
  }
  return received ? 'dropped' : 'failed';
}

/** Waits `ms`, but never polls a hidden page: while hidden it waits to be shown, then goes at once. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, signal, document, 'visibilitychange');
  while (document.hidden) await sleep(2 ** 31 - 1, signal, document, 'visibilitychange');
}
