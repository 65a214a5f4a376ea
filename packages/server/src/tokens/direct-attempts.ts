/**
 * @module
 * Direct creates through SmartPay's PCI proxy. The browser asks for an attempt (`POST
 * /direct-attempts` with its Idempotency-Key) and gets the proxy URL, the headers the proxy needs
 * and a short-lived credential; it then posts its create, card number and CVV included, to the
 * proxy, which swaps them for tokens and forwards the create here with the credential as its
 * Authorization. The credential proves the forwarded create belongs to that attempt (key and
 * shopper) without the browser's cookies, which the proxy does not carry, and without any key of
 * the merchant's: it is sealed (AES-256-GCM) under a key derived from the server key, so nothing is
 * stored, a forged or altered one never opens, and the shopper's account id is not readable in it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  type CreateTokenBody,
  DIRECT_CARD_PATHS,
  type DirectAttempt,
  type IntegrationFlow,
  PCI_PROXY_HEADERS,
} from '@smartpay/contract';
import type { Context } from 'hono';
import type { ResolveAccount } from '../accounts/session-account.js';
import { MerchantError } from '../errors/merchant-error.js';
import { requireIdempotencyKey } from '../request/idempotency-key.js';
import { bearerCredentials, deriveKey } from './client-secret.js';

/** Every attempt credential starts with this, so logs and scanners can recognise one. */
export const DIRECT_ATTEMPT_PREFIX = 'ntpa_';

/** How long a credential is accepted: the browser asks for it when the shopper submits the card. */
export const DIRECT_ATTEMPT_TTL_MS = 5 * 60_000;

/** What a credential proves about the create it comes with. */
export interface DirectAttemptClaim {
  idempotencyKey: string;
  accountReferenceId: string;
  /** Epoch ms. */
  expiresAt: number;
}

const VERSION = Buffer.from('ntpa:v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens attempt credentials under a key derived from the server key. */
export function attemptCredentials(serverKey: string) {
  const key = deriveKey(serverKey, 'direct-attempt');
  return {
    seal(claim: DirectAttemptClaim): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(VERSION);
      const plain = JSON.stringify({
        k: claim.idempotencyKey,
        a: claim.accountReferenceId,
        e: claim.expiresAt,
      });
      const sealed = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return DIRECT_ATTEMPT_PREFIX + sealed.toString('base64url');
    },
    /** The claim, or undefined for anything this server key did not seal (forged, altered, cut). */
    open(credential: string): DirectAttemptClaim | undefined {
      if (!credential.startsWith(DIRECT_ATTEMPT_PREFIX)) return undefined;
      const sealed = Buffer.from(credential.slice(DIRECT_ATTEMPT_PREFIX.length), 'base64url');
      if (sealed.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES)).setAAD(VERSION);
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
        const { k, a, e } = JSON.parse(plain) as Record<string, unknown>;
        if (typeof k !== 'string' || typeof a !== 'string' || typeof e !== 'number') return undefined;
        return { idempotencyKey: k, accountReferenceId: a, expiresAt: e };
      } catch {
        return undefined;
      }
    },
  };
}

export interface DirectAttemptsOptions {
  serverKey: string;
  /** SmartPay's PCI proxy: `…/forwarding/tokenize`. */
  proxyUrl: string;
  /** This server's create endpoint as the proxy reaches it (`X-Pcp-Url`). */
  targetUrl: string;
  resolveAccount: ResolveAccount;
  integrationFlows: readonly IntegrationFlow[];
  now: () => number;
}

export interface DirectAttempts {
  /** `POST /direct-attempts`: issues the credential for one Idempotency-Key and this shopper. */
  issue(c: Context): Promise<Response>;
  /**
   * The attempt a create forwarded by the PCI proxy proves (`Authorization: Bearer ntpa_…`), or
   * undefined for a create that carries no attempt credential. A bad or expired one is a 401.
   */
  forwarded(c: Context): DirectAttemptClaim | undefined;
}

/**
 * A forwarded create's body without its card tokens, for binding the Idempotency-Key: the proxy
 * may tokenize the same card anew on every retry of an attempt, and a retry must replay, not 422.
 * (A different card is a new attempt, with a new key.)
 */
export function withoutProxyTokens(body: CreateTokenBody): unknown {
  if (!body.cardDetails) return body;
  const { cardToken: _card, cvvToken: _cvv, ...cardDetails } = body.cardDetails;
  return { ...body, cardDetails };
}

const invalid = (message: string) => new MerchantError('invalid_direct_attempt', message);

export function directAttempts(options: DirectAttemptsOptions): DirectAttempts {
  const credentials = attemptCredentials(options.serverKey);
  const checked = new WeakMap<Request, DirectAttemptClaim | undefined>();
  const H = PCI_PROXY_HEADERS;

  return {
    async issue(c) {
      if (!options.integrationFlows.includes('direct')) {
        throw new MerchantError('flow_not_allowed', 'This merchant does not offer the direct flow.');
      }
      const idempotencyKey = requireIdempotencyKey(c);
      const accountReferenceId = await options.resolveAccount(c);
      const expiresAt = options.now() + DIRECT_ATTEMPT_TTL_MS;
      const credential = credentials.seal({ idempotencyKey, accountReferenceId, expiresAt });
      const attempt: DirectAttempt = {
        proxyUrl: options.proxyUrl,
        headers: {
          [H.url]: options.targetUrl,
          [H.authorization]: `Bearer ${credential}`,
          [H.cardPath]: DIRECT_CARD_PATHS.card,
          [H.cvvPath]: DIRECT_CARD_PATHS.cvv,
        },
        expiresAt: new Date(expiresAt).toISOString(),
      };
      return c.json(attempt, 201);
    },

    forwarded(c) {
      const request = c.req.raw;
      if (checked.has(request)) return checked.get(request);
      const presented = bearerCredentials(c.req.header('authorization'));
      let claim: DirectAttemptClaim | undefined;
      if (presented?.startsWith(DIRECT_ATTEMPT_PREFIX)) {
        claim = credentials.open(presented);
        if (!claim) throw invalid('The direct attempt credential is not one this server issued.');
        if (options.now() >= claim.expiresAt) {
          throw invalid(
            'The direct attempt credential has expired; ask for a new attempt with the same Idempotency-Key.',
          );
        }
      }
      checked.set(request, claim);
      return claim;
    },
  };
}
