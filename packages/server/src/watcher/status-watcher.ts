/**
 * @module
 * The status watcher: one SmartPay poller per token, however many browsers follow it, fanned out
 * to subscribers; and a read-through cache for plain status reads.
 */
import { randomUUID } from 'node:crypto';
import { isFinalStatus, type KnownTokenStatus, type PublicToken } from '@smartpay/contract';
import type { Logger } from '../logging/logger.js';
import type { SmartPayClient } from '../smartpay/client.js';
import { SmartPayError, SmartPayNotFoundError } from '../smartpay/errors.js';
import type { StoredToken, TokenStore } from '../store/token-store.js';
import { toPublicToken } from '../tokens/public-token.js';
import { DEFAULT_WATCH_SCHEDULE, pollDelay, type WatchSchedule } from './schedule.js';

/** What a subscriber hears. After anything but `status` (or a final `status`), nothing more comes. */
export type WatchEvent =
  | { readonly type: 'status'; readonly token: PublicToken }
  /** The watcher's maximum passed before a final status. */
  | { readonly type: 'timeout'; readonly token: PublicToken }
  /** SmartPay no longer knows the token. */
  | { readonly type: 'gone' }
  /** The server is shutting down; a reconnect goes to a live instance. */
  | { readonly type: 'closed' };

export type WatchListener = (event: WatchEvent) => void;

export interface StatusWatcherOptions {
  client: SmartPayClient;
  store: TokenStore;
  logger: Logger;
  schedule?: Partial<WatchSchedule>;
  /**
   * Called once when a token's final status (ACTIVE or ERROR) is first read, with SmartPay's full
   * view, network token included: the place to save it. Server-side only.
   */
  onFinalStatus?: (token: StoredToken) => void | Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface StatusWatcher {
  /**
   * The token as known now: from the store when a final status was read, or anything was stored
   * less than `freshForMs` ago; otherwise read from SmartPay once, however many callers ask.
   */
  current(tokenId: string): Promise<StoredToken>;
  /** Follows a token until its status is final; returns the function that stops listening. */
  subscribe(tokenId: string, listener: WatchListener): () => void;
  /** How many tokens are being polled right now. */
  readonly following: number;
  /** Stops every poller and tells every subscriber `closed`. */
  close(): void;
}

/** The status in which nothing happens until the shopper submits SmartPay's form. */
const WAITING_FOR_SHOPPER: KnownTokenStatus = 'PENDING_PAYMENT_FORM';

/**
 * Whether a follow keeps polling with nobody listening: yes once the card was submitted (the
 * result still matters to the merchant, and onFinalStatus must see it), no while SmartPay waits
 * for a shopper who has left.
 */
const goesOnAlone = (follow: Follow) =>
  follow.lastStatus !== undefined && follow.lastStatus !== WAITING_FOR_SHOPPER;

interface Follow {
  readonly tokenId: string;
  readonly listeners: Set<WatchListener>;
  lastStatus: string | undefined;
  /** Polls since the last status change. */
  polls: number;
  first: boolean;
  stopped: boolean;
  timer?: ReturnType<typeof setTimeout>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export function createStatusWatcher(options: StatusWatcherOptions): StatusWatcher {
  const { client, store, logger } = options;
  const schedule: WatchSchedule = { ...DEFAULT_WATCH_SCHEDULE, ...options.schedule };
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  /** This instance's name in poll leases. */
  const holder = randomUUID();
  const follows = new Map<string, Follow>();
  const reads = new Map<string, Promise<StoredToken>>();
  const closing = new AbortController();

  /** Reads the token from SmartPay (one call per token at a time), stores it, reports a change. */
  function refresh(tokenId: string): Promise<StoredToken> {
    const running = reads.get(tokenId);
    if (running) return running;
    const read = (async () => {
      const token = await client.getToken(tokenId, { signal: closing.signal });
      const previous = await store.getToken(tokenId);
      const stored: StoredToken = {
        ...(previous ?? { tokenId, followSince: now() }),
        token,
        fullView: true,
        checkedAt: now(),
      };
      await store.putToken(stored);
      const previousStatus = previous?.token.status;
      if (previousStatus !== token.status) {
        logger.info('token.status_changed', { tokenId, from: previousStatus, to: token.status });
      }
      const settledBefore = previous?.fullView === true && isFinalStatus(previous.token.status);
      if (isFinalStatus(token.status) && !settledBefore) {
        try {
          await options.onFinalStatus?.(stored);
        } catch (error) {
          logger.error('hook.on_final_status_failed', { tokenId, error: errorName(error) });
        }
      }
      publish(stored);
      return stored;
    })().finally(() => reads.delete(tokenId));
    reads.set(tokenId, read);
    return read;
  }

  async function current(tokenId: string): Promise<StoredToken> {
    const stored = await store.getToken(tokenId);
    if (stored) {
      const final = isFinalStatus(stored.token.status);
      // A final status from the create answer still lacks the card: read it once.
      if (final && stored.fullView) return stored;
      if (!final && now() - stored.checkedAt < schedule.freshForMs) return stored;
    }
    return refresh(tokenId);
  }

  /** Tells the followers of a token about a status they have not had yet; true if it was new. */
  function publish(stored: StoredToken): boolean {
    const follow = follows.get(stored.tokenId);
    if (!follow || follow.stopped || follow.lastStatus === stored.token.status) return false;
    follow.lastStatus = stored.token.status;
    const event: WatchEvent = { type: 'status', token: toPublicToken(stored.token) };
    for (const listener of follow.listeners) listener(event);
    if (isFinalStatus(stored.token.status)) stop(follow);
    return true;
  }

  function stop(follow: Follow): void {
    if (follow.stopped) return;
    follow.stopped = true;
    clearTimeout(follow.timer);
    clearTimeout(follow.idleTimer);
    follows.delete(follow.tokenId);
    follow.listeners.clear();
    store.releaseWatch(follow.tokenId, holder).catch(() => {});
    logger.debug('watcher.stopped', { tokenId: follow.tokenId });
  }

  function end(follow: Follow, event: WatchEvent): void {
    for (const listener of follow.listeners) listener(event);
    stop(follow);
  }

  function plan(follow: Follow, atLeastMs = 0): void {
    if (follow.stopped) return;
    const wait = follow.first ? 0 : Math.max(atLeastMs, pollDelay(schedule, follow.polls, random));
    follow.timer = setTimeout(() => void tick(follow), wait);
  }

  async function tick(follow: Follow): Promise<void> {
    let atLeastMs = 0;
    try {
      const stored = await store.getToken(follow.tokenId);
      if (
        stored &&
        now() - stored.followSince >= schedule.maxFollowMs &&
        !isFinalStatus(stored.token.status)
      ) {
        logger.warn('watcher.gave_up', { tokenId: follow.tokenId, status: stored.token.status });
        end(follow, { type: 'timeout', token: toPublicToken(stored.token) });
        return;
      }
      // Only the lease holder asks SmartPay; other instances follow what it stores.
      const mine = await store.claimWatch(follow.tokenId, holder, now(), schedule.leaseMs);
      const next = !mine
        ? stored
        : follow.first
          ? await current(follow.tokenId)
          : await refresh(follow.tokenId);
      follow.first = false;
      if (follow.stopped) return;
      if (next && publish(next)) follow.polls = 0;
      else follow.polls++;
    } catch (error) {
      follow.first = false;
      if (follow.stopped) return;
      if (error instanceof SmartPayNotFoundError) {
        logger.warn('watcher.token_gone', { tokenId: follow.tokenId });
        end(follow, { type: 'gone' });
        return;
      }
      logger.warn('watcher.poll_failed', { tokenId: follow.tokenId, error: errorName(error) });
      follow.polls++;
      if (error instanceof SmartPayError) atLeastMs = error.retryAfterMs ?? 0;
    }
    plan(follow, atLeastMs);
  }

  function subscribe(tokenId: string, listener: WatchListener): () => void {
    let follow = follows.get(tokenId);
    if (closing.signal.aborted) {
      listener({ type: 'closed' });
      return () => {};
    }
    if (!follow) {
      follow = {
        tokenId,
        listeners: new Set(),
        lastStatus: undefined,
        polls: 0,
        first: true,
        stopped: false,
      };
      follows.set(tokenId, follow);
      logger.debug('watcher.started', { tokenId });
      plan(follow);
    }
    const active = follow;
    clearTimeout(active.idleTimer);
    active.listeners.add(listener);
    // Whatever is stored now, in case it changed between the caller's read and this subscription.
    store
      .getToken(tokenId)
      .then((stored) => {
        if (stored && active.listeners.has(listener))
          listener({ type: 'status', token: toPublicToken(stored.token) });
      })
      .catch(() => {});
    return () => {
      if (!active.listeners.delete(listener) || active.listeners.size > 0 || active.stopped) return;
      active.idleTimer = setTimeout(() => {
        if (active.listeners.size === 0 && !goesOnAlone(active)) stop(active);
      }, schedule.idleStopMs);
    };
  }

  return {
    current,
    subscribe,
    get following() {
      return follows.size;
    },
    close() {
      closing.abort(new Error('the status watcher is closed'));
      for (const follow of [...follows.values()]) end(follow, { type: 'closed' });
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
