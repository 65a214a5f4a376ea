import { randomBytes } from 'node:crypto';
import type { Merchant } from '../merchants.js';

/** SmartPay's token endpoint answers expires_in 3600 (reference: Authentication). */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Access tokens start with this, so one is never mistaken for a key pair. */
const ACCESS_TOKEN_PREFIX = 'sat_';

/** Who an access token was issued to, and until when. */
export interface Grant {
  readonly merchant: Merchant;
  /** Epoch ms after which the token answers 401. */
  expiresAt: number;
}

/**
 * The OAuth2 client-credentials tokens the sandbox issued: each names its merchant and expires
 * after `ttlSeconds` of the sandbox's clock. Expired tokens are forgotten when next presented.
 */
export class AccessTokens {
  private readonly grants = new Map<string, Grant>();

  /** `changed` is called after every change (how the state file knows to save). */
  constructor(
    private readonly now: () => number,
    readonly ttlSeconds: number = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    private readonly changed: () => void = () => {},
  ) {}

  issue(merchant: Merchant): { accessToken: string; expiresIn: number } {
    const accessToken = ACCESS_TOKEN_PREFIX + randomBytes(24).toString('base64url');
    this.grants.set(accessToken, { merchant, expiresAt: this.now() + this.ttlSeconds * 1000 });
    this.changed();
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The merchant of a live token, or undefined (unknown or expired). */
  merchantOf(accessToken: string): Merchant | undefined {
    const grant = this.grants.get(accessToken);
    if (!grant) return undefined;
    if (this.now() >= grant.expiresAt) {
      this.grants.delete(accessToken);
      return undefined;
    }
    return grant.merchant;
  }

  /** Expires every token issued so far (control API): the next call with one answers 401. */
  expireAll(): number {
    const count = this.grants.size;
    for (const grant of this.grants.values()) grant.expiresAt = Number.NEGATIVE_INFINITY;
    this.changed();
    return count;
  }

  /** The tokens that still work, oldest first (what the state file saves). */
  live(): [string, Grant][] {
    const now = this.now();
    return [...this.grants].filter(([, grant]) => grant.expiresAt > now);
  }

  /** Takes back the tokens saved before a restart. */
  restore(grants: readonly (readonly [string, Grant])[]): void {
    for (const [accessToken, grant] of grants) this.grants.set(accessToken, { ...grant });
  }

  clear(): void {
    this.grants.clear();
    this.changed();
  }
}
