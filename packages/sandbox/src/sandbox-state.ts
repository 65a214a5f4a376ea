import type { CardVault } from './card-vault.js';
import type { FaultQueue } from './control/faults.js';
import type { RequestLog } from './control/request-log.js';
import type { ForwardingAllowlist } from './forwarding/allowlist.js';
import type { AccessTokens } from './oauth/access-tokens.js';
import type { TokenLifecycle } from './tokens/token-lifecycle.js';

/** Everything one sandbox remembers; the routes share it, `POST /_sandbox/reset` empties it. */
export interface SandboxState {
  readonly tokens: TokenLifecycle;
  readonly vault: CardVault;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /** OAuth2 access tokens issued by POST /oauth2/token. */
  readonly accessTokens: AccessTokens;
  /** The sandbox's clock for createdAt, updatedAt and card expiry. */
  readonly now: () => number;
  /** Where browsers reach the sandbox when that differs from the URL it is called on (a proxy). */
  readonly publicUrl?: string;
  /** The PCI proxy's forwarding: which targets, with which fetch, for how long at most. */
  readonly forwarding: {
    readonly allowlist: ForwardingAllowlist;
    readonly fetch: typeof fetch;
    readonly timeoutMs: number;
  };
}
