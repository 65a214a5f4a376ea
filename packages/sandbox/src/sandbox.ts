import type { Hono } from 'hono';
import { createApp } from './app.js';
import { CardVault } from './card-vault.js';
import { brandOf, cardDigits, cardNumberProblem } from './cards/card-rules.js';
import { FaultQueue } from './control/faults.js';
import { RequestLog } from './control/request-log.js';
import { allowlistOf, LOOPBACK_ONLY } from './forwarding/allowlist.js';
import { ConnectionResetError } from './http/connection.js';
import { AccessTokens } from './oauth/access-tokens.js';
import { restoreSnapshot, snapshotSchema, takeSnapshot } from './persistence/snapshot.js';
import { StateFile } from './persistence/state-file.js';
import type { SandboxState } from './sandbox-state.js';
import { Scheduler } from './scheduler.js';
import { TokenLifecycle } from './tokens/token-lifecycle.js';

export interface SandboxOptions {
  /** Multiplies every delay of the token lifecycle: 0.01 makes a 1 s provisioning take 10 ms. Default 1. */
  timeScale?: number;
  /** Where browsers reach the sandbox, when that differs from the URL it is called on (behind a proxy). */
  publicUrl?: string;
  /** The clock for createdAt, updatedAt, card expiry and access tokens. Default Date.now. */
  now?: () => number;
  /** Lifetime of OAuth2 access tokens (`expires_in`), in seconds of the sandbox's clock. Default 3600. */
  accessTokenTtlSeconds?: number;
  /**
   * Where `POST /forwarding/tokenize` may forward to: URL prefixes (`https://shop.example` or
   * `https://shop.example/api/network-tokens`). Default: any http(s) port on this machine.
   */
  forwardingAllowlist?: readonly string[];
  /** The fetch the PCI proxy forwards with. Default: the global fetch. */
  forwardFetch?: typeof fetch;
  /**
   * A directory where tokens, card tokens and access tokens are kept across restarts (`state.json`,
   * written within 100 ms of a change). Default: none, everything is in memory.
   */
  dataDir?: string;
  /** Where a problem with the state file is reported (one sentence). Default: console.error. */
  reportProblem?: (message: string) => void;
}

/** How long the PCI proxy waits for its target: longer than a create may take (90 s). */
export const FORWARDING_TIMEOUT_MS = 120_000;

export interface Sandbox {
  /** Every route of the sandbox. */
  readonly app: Hono;
  /**
   * Calls the app in process, like `fetch` would over the network. Relative URLs are allowed. A
   * `reset` fault rejects with TypeError('fetch failed') whose cause has code 'ECONNRESET', as undici does.
   */
  readonly fetch: typeof fetch;
  /**
   * What the PCI proxy's vault makes of a card number (a Luhn-valid Visa or Mastercard), for tests
   * that send a direct create to SmartPay without going through `POST /forwarding/tokenize`.
   */
  tokenizeCard(pan: string): { cardToken: string; cvvToken: string };
  /**
   * Cancels every pending timer and saves what is pending to the state file; the sandbox keeps
   * answering, but no token moves on by itself.
   */
  close(): void;
}

/** Base for relative URLs given to `sandbox.fetch`. */
const IN_PROCESS_BASE = 'http://sandbox.invalid';

/**
 * A SmartPay sandbox in process: the app, an in-process fetch, and its state.
 *
 * @example
 * const sandbox = createSandbox({ timeScale: 0.01 });
 * const res = await sandbox.fetch('/network-tokens', { method: 'POST', headers, body });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const scheduler = new Scheduler(options.timeScale ?? 1);
  // Read Date.now at each call, so a test that mocks Date after creating the sandbox is honoured.
  const now = options.now ?? (() => Date.now());
  const report =
    options.reportProblem ?? ((message: string) => console.error(`smartpay-sandbox: ${message}`));
  const stateFile =
    options.dataDir === undefined
      ? undefined
      : new StateFile(options.dataDir, () => JSON.stringify(takeSnapshot(state)), report);
  const changed = () => stateFile?.saveSoon();
  const state: SandboxState = {
    tokens: new TokenLifecycle(scheduler, now, changed),
    vault: new CardVault(changed),
    faults: new FaultQueue(),
    log: new RequestLog(),
    accessTokens: new AccessTokens(now, options.accessTokenTtlSeconds, changed),
    now,
    forwarding: {
      allowlist: options.forwardingAllowlist ? allowlistOf(options.forwardingAllowlist) : LOOPBACK_ONLY,
      fetch: options.forwardFetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: FORWARDING_TIMEOUT_MS,
    },
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
  };
  const saved = stateFile?.load((json) => snapshotSchema.parse(json));
  if (saved) restoreSnapshot(state, saved);
  const reset = () => {
    state.tokens.clear();
    state.vault.clear();
    state.faults.clear();
    state.log.clear();
    state.accessTokens.clear();
  };
  const app = createApp(state, reset);

  const inProcessFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request
        ? new Request(input, init)
        : new Request(new URL(input, IN_PROCESS_BASE), init);
    request.signal.throwIfAborted();
    const answer = Promise.resolve(app.fetch(request)).catch((error: unknown) => {
      if (error instanceof ConnectionResetError) throw new TypeError('fetch failed', { cause: error });
      throw error;
    });
    return abortable(answer, request.signal);
  };

  const tokenizeCard = (pan: string) => {
    const brand = brandOf(pan);
    if (!brand) throw new Error(`not a Luhn-valid Visa or Mastercard number: ${cardNumberProblem(pan)}`);
    return state.vault.tokenize(cardDigits(pan), brand);
  };
  const close = () => {
    scheduler.cancelAll();
    stateFile?.flush();
  };
  return { app, fetch: inProcessFetch as typeof fetch, tokenizeCard, close };
}

/** Rejects with the signal's reason when it aborts first, as fetch does (a `delay` fault meets a client timeout). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
