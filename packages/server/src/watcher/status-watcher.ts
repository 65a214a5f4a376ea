/**
 * @module
 * The status watcher: one SmartPay poller per token, however many browsers follow it on however
 * many instances (a lease in the store says who polls; the others hear each change through the
 * store's status notifications), fanned out to subscribers; a read-through cache for plain status
 * reads; and, on start and every half lease, the resumption of tokens nobody follows any more
 * (a restart, or an instance that died).
 */
import { randomUUID } from 'node:crypto';
import { isFinalStatus, type KnownTokenStatus, type PublicToken } from '@smartpay/contract';
import type { Logger } from '../logging/logger.js';
import type { SmartPayClient } from '../smartpay/client.js';
import { SmartPayError, SmartPayNotFoundError } from '../smartpay/errors.js';
import { mayReplace } from '../store/memory-token-store.js';
import type { StoredToken, TokenStore } from '../store/token-store.js';
import { toPublicToken } from '../tokens/public-token.js';
import { DEFAULT_WATCH_SCHEDULE, nextReadDelay, type WatchSchedule } from './schedule.js';

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
   * Called when a token's final status (ACTIVE or ERROR) is first read, with SmartPay's full view,
   * network token included: the place to save it. Server-side only. At least once per token across
   * restarts and instances, and exactly once unless a process dies while it runs (then it runs
   * again after the lease): deduplicate by tokenId.
   */
  onFinalStatus?: (token: StoredToken) => void | Promise<void>;
  /** This instance's name in leases (default: a random UUID). */
  instanceId?: string;
  /** Tokens resumed per sweep at most (100). */
  resumeBatch?: number;
  now?: () => number;
  random?: () => number;
}

export interface StatusWatcher {
  /**
   * The token as known now: from the store when a final status was read, or anything was stored
   * less than `freshForMs` ago; otherwise read from SmartPay once, however many callers ask.
   */
  current(tokenId: string): Promise<StoredToken>;
  /**
   * The token as stored, without asking SmartPay: what a stream connect answers with. Only a token
   * this server never stored is read from SmartPay (`current`).
   */
  known(tokenId: string): Promise<StoredToken>;
  /** Follows a token until its status is final; returns the function that stops listening. */
  subscribe(tokenId: string, listener: WatchListener): () => void;
  /**
   * The shopper submitted the card in SmartPay's form (the widget says so): reads turn fast now,
   * listeners or not. Only the first call per follow changes anything.
   */
  cardSubmitted(tokenId: string): void;
  /** How many tokens are being polled right now. */
  readonly following: number;
  /**
   * Follows again every token nobody follows that needs it (then every half lease): not final,
   * or final with onFinalStatus not yet run. Resolves after the first sweep.
   */
  start(): Promise<void>;
  /** Stops every poller and loop and tells every subscriber `closed`. */
  close(): void;
}

/** How far apart the first polls of resumed tokens are (ms). */
const RESUME_SPACING_MS = 20;
/** On start, at most this many batches of tokens are resumed at once. */
const START_RESUME_BATCHES = 10;

/** The status in which nothing happens until the shopper submits SmartPay's form. */
const WAITING_FOR_SHOPPER: KnownTokenStatus = 'PENDING_PAYMENT_FORM';

/** Whether a status says the card was submitted: past the form, not final yet. */
const pastTheForm = (status: string) => status !== WAITING_FOR_SHOPPER && !isFinalStatus(status);

/**
 * Whether a follow keeps polling with nobody listening: yes once the card was submitted (the
 * result still matters to the merchant, and onFinalStatus must see it), no while SmartPay waits
 * for a shopper who has left.
 */
const goesOnAlone = (follow: Follow) => follow.submittedAt !== undefined;

interface Follow {
  readonly tokenId: string;
  readonly listeners: Set<WatchListener>;
  lastStatus: string | undefined;
  /** When the card was submitted (the widget said so, or a status past the form was seen). */
  submittedAt: number | undefined;
  /** When SmartPay was last asked about the token (by this follow, or as stored). */
  lastReadAt: number;
  /** Failed reads in a row, and the wait SmartPay asked for with the last one. */
  failures: number;
  retryAfterMs: number | undefined;
  /** The first tick only learns what is stored; it reads SmartPay only when a read is due. */
  first: boolean;
  /** A tick is running: its end plans the next one. */
  ticking: boolean;
  stopped: boolean;
  /** Started by a resume with nobody listening: stops after a poll that finds the shopper still away. */
  alone: boolean;
  /** The wait before the first poll: resumed follows are spread out, not all at once. */
  firstDelayMs: number;
  timer?: ReturnType<typeof setTimeout>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export function createStatusWatcher(options: StatusWatcherOptions): StatusWatcher {
  const { client, store, logger } = options;
  const schedule: WatchSchedule = { ...DEFAULT_WATCH_SCHEDULE, ...options.schedule };
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  /** This instance's name in poll leases. */
  const holder = options.instanceId ?? randomUUID();
  const follows = new Map<string, Follow>();
  const reads = new Map<string, Promise<StoredToken>>();
  const closing = new AbortController();
  const resumeBatch = options.resumeBatch ?? 100;
  let resumeTimer: ReturnType<typeof setInterval> | undefined;

  // Another instance (or a read on this one) stored a new status: tell this instance's followers.
  const stopHearing = store.onStatusChange((tokenId) => {
    if (!follows.has(tokenId)) return;
    store
      .getToken(tokenId)
      .then((stored) => stored && publish(stored))
      .catch((error: unknown) =>
        logger.warn('watcher.notify_read_failed', { tokenId, error: errorName(error) }),
      );
  });

  /**
   * Runs onFinalStatus for a token whose final status was read in full, once across instances
   * (the store records the claim and the run); a process that dies in the middle leaves a claim
   * that lapses after the lease, and the hook runs again.
   */
  async function settle(stored: StoredToken): Promise<void> {
    if (!stored.fullView || !isFinalStatus(stored.token.status)) return;
    if (!(await store.claimFinalHook(stored.tokenId, now(), schedule.leaseMs))) return;
    try {
      await options.onFinalStatus?.(stored);
      logger.info('token.settled', { tokenId: stored.tokenId, status: stored.token.status });
    } catch (error) {
      logger.error('hook.on_final_status_failed', { tokenId: stored.tokenId, error: errorName(error) });
    }
    await store.markFinalHookRan(stored.tokenId, now());
  }

  /** Reads the token from SmartPay (one call per token at a time), stores it, reports a change. */
  function refresh(tokenId: string): Promise<StoredToken> {
    const running = reads.get(tokenId);
    if (running) return running;
    const read = (async () => {
      const urgent = follows.get(tokenId)?.submittedAt !== undefined;
      const token = await client.getToken(tokenId, { signal: closing.signal, urgent });
      const previous = await store.getToken(tokenId);
      const stored: StoredToken = {
        ...(previous ?? { tokenId, followSince: now() }),
        token,
        fullView: true,
        checkedAt: now(),
      };
      // An older answer never undoes a final status another read stored meanwhile.
      if (previous && !mayReplace(previous, stored)) return previous;
      await store.putToken(stored);
      const previousStatus = previous?.token.status;
      if (previousStatus !== token.status) {
        logger.info('token.status_changed', { tokenId, from: previousStatus, to: token.status });
      }
      // The browser first; the merchant's hook may take its time.
      publish(stored);
      await settle(stored);
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

  async function known(tokenId: string): Promise<StoredToken> {
    return (await store.getToken(tokenId)) ?? refresh(tokenId);
  }

  /** Tells the followers of a token about a status they have not had yet; true if it was new. */
  function publish(stored: StoredToken): boolean {
    const follow = follows.get(stored.tokenId);
    if (!follow || follow.stopped || follow.lastStatus === stored.token.status) return false;
    follow.lastStatus = stored.token.status;
    if (follow.submittedAt === undefined && pastTheForm(stored.token.status)) {
      follow.submittedAt = now();
      hurry(follow);
    }
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
    if (follows.get(follow.tokenId) === follow) follows.delete(follow.tokenId);
    follow.listeners.clear();
    store.releaseWatch(follow.tokenId, holder).catch(() => {});
    logger.debug('watcher.stopped', { tokenId: follow.tokenId });
  }

  function end(follow: Follow, event: WatchEvent): void {
    for (const listener of follow.listeners) listener(event);
    stop(follow);
  }

  /** Records that a token is not followed again (its maximum passed, or SmartPay forgot it). */
  async function endFollow(tokenId: string, reason: 'timeout' | 'gone'): Promise<void> {
    const stored = await store.getToken(tokenId);
    if (stored && !isFinalStatus(stored.token.status))
      await store.putToken({ ...stored, followEnded: reason });
  }

  /** The wait until the follow's next read, by its phase and history. */
  function dueIn(follow: Follow): number {
    const history = {
      submittedAt: follow.submittedAt,
      lastReadAt: follow.lastReadAt,
      failures: follow.failures,
      ...(follow.retryAfterMs === undefined ? {} : { retryAfterMs: follow.retryAfterMs }),
    };
    return nextReadDelay(schedule, history, now(), random);
  }

  function plan(follow: Follow): void {
    if (follow.stopped) return;
    clearTimeout(follow.timer);
    const wait = follow.first ? follow.firstDelayMs : dueIn(follow);
    follow.timer = setTimeout(() => void tick(follow), wait);
  }

  /** Plans the next read again after the phase changed (unless a tick is running: it will). */
  function hurry(follow: Follow): void {
    if (!follow.ticking && !follow.first) plan(follow);
  }

  async function tick(follow: Follow): Promise<void> {
    follow.ticking = true;
    try {
      await poll(follow);
    } finally {
      follow.ticking = false;
    }
    plan(follow);
  }

  async function poll(follow: Follow): Promise<void> {
    try {
      const stored = await store.getToken(follow.tokenId);
      if (
        stored &&
        now() - stored.followSince >= schedule.maxFollowMs &&
        !isFinalStatus(stored.token.status)
      ) {
        logger.warn('watcher.gave_up', { tokenId: follow.tokenId, status: stored.token.status });
        end(follow, { type: 'timeout', token: toPublicToken(stored.token) });
        await endFollow(follow.tokenId, 'timeout');
        return;
      }
      if (follow.first) {
        // Start from what is stored: a read is due only when the last one is old enough.
        follow.first = false;
        follow.lastReadAt = stored?.checkedAt ?? 0;
        if (stored) publish(stored);
        if (follow.stopped || dueIn(follow) > 0) return;
      }
      // Only the lease holder asks SmartPay; other instances follow what it stores.
      const mine = await store.claimWatch(follow.tokenId, holder, now(), schedule.leaseMs);
      const next = mine ? await refresh(follow.tokenId) : stored;
      follow.lastReadAt = now();
      follow.failures = 0;
      follow.retryAfterMs = undefined;
      if (follow.stopped) return;
      if (next) publish(next);
      if (follow.alone && follow.listeners.size === 0 && !goesOnAlone(follow)) stop(follow);
    } catch (error) {
      follow.first = false;
      follow.lastReadAt = now();
      if (follow.stopped) return;
      if (error instanceof SmartPayNotFoundError) {
        logger.warn('watcher.token_gone', { tokenId: follow.tokenId });
        end(follow, { type: 'gone' });
        await endFollow(follow.tokenId, 'gone').catch(() => {});
        return;
      }
      logger.warn('watcher.poll_failed', { tokenId: follow.tokenId, error: errorName(error) });
      follow.failures++;
      follow.retryAfterMs = error instanceof SmartPayError ? error.retryAfterMs : undefined;
    }
  }

  function subscribe(tokenId: string, listener: WatchListener): () => void {
    let follow = follows.get(tokenId);
    if (closing.signal.aborted) {
      listener({ type: 'closed' });
      return () => {};
    }
    follow ??= startFollow(tokenId, false);
    follow.alone = false;
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

  function startFollow(tokenId: string, alone: boolean, firstDelayMs = 0): Follow {
    const follow: Follow = {
      tokenId,
      listeners: new Set(),
      lastStatus: undefined,
      submittedAt: undefined,
      lastReadAt: 0,
      failures: 0,
      retryAfterMs: undefined,
      first: true,
      ticking: false,
      stopped: false,
      alone,
      firstDelayMs,
    };
    follows.set(tokenId, follow);
    logger.debug('watcher.started', { tokenId, alone });
    plan(follow);
    return follow;
  }

  /** Follows (or settles) the tokens nobody follows, one bounded batch. */
  async function resume(includeWaiting: boolean, limit: number): Promise<number> {
    const tokenIds = await store.tokensToResume({
      now: now(),
      followForMs: schedule.maxFollowMs,
      includeWaiting,
      hookRetryAfterMs: schedule.leaseMs,
      limit,
    });
    let resumed = 0;
    for (const tokenId of tokenIds) {
      if (closing.signal.aborted) break;
      if (follows.has(tokenId)) continue;
      const stored = await store.getToken(tokenId);
      if (!stored || follows.has(tokenId)) continue;
      if (!isFinalStatus(stored.token.status)) {
        // Take the lease now, so that another instance's sweep does not start a second follow.
        if (!(await store.claimWatch(tokenId, holder, now(), schedule.leaseMs))) continue;
        resumed++;
        startFollow(tokenId, true, resumed * RESUME_SPACING_MS);
        continue;
      }
      resumed++;
      if (stored.fullView) await settle(stored);
      else await refresh(tokenId); // a direct token whose first full read was lost
    }
    if (resumed > 0) logger.info('watcher.resumed', { tokens: resumed, includeWaiting });
    return resumed;
  }

  /** One resume at a time: a slow one is not overtaken by the next tick. */
  let resuming: Promise<number> | undefined;
  const resumeQuietly = (includeWaiting: boolean, limit = resumeBatch) => {
    resuming ??= resume(includeWaiting, limit)
      .catch((error: unknown) => {
        logger.warn('watcher.resume_failed', { error: errorName(error) });
        return 0;
      })
      .finally(() => {
        resuming = undefined;
      });
    return resuming;
  };

  function cardSubmitted(tokenId: string): void {
    if (closing.signal.aborted) return;
    const follow = follows.get(tokenId) ?? startFollow(tokenId, true);
    if (follow.submittedAt !== undefined) return;
    follow.submittedAt = now();
    logger.debug('watcher.card_submitted', { tokenId });
    hurry(follow);
  }

  return {
    current,
    known,
    subscribe,
    cardSubmitted,
    get following() {
      return follows.size;
    },
    async start() {
      if (closing.signal.aborted || resumeTimer) return;
      // A lease that lapsed is found within a quarter lease.
      resumeTimer = setInterval(() => void resumeQuietly(false), Math.max(50, schedule.leaseMs / 4));
      resumeTimer.unref();
      // On start, tokens waiting for a shopper are looked at once too (she may have paid meanwhile),
      // up to START_RESUME_BATCHES batches; the sweeps take the rest that goes on alone.
      await resumeQuietly(true, resumeBatch * START_RESUME_BATCHES);
    },
    close() {
      closing.abort(new Error('the status watcher is closed'));
      clearInterval(resumeTimer);
      stopHearing();
      for (const follow of [...follows.values()]) end(follow, { type: 'closed' });
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
