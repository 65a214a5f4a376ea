/**
 * @module
 * Creating a network token exactly once per Idempotency-Key: the first request with a key calls
 * SmartPay; concurrent and later ones with the same body, on any instance, wait for it and get the
 * same answer. The order of writes is what makes it crash-safe:
 *   1. claim the key (owner = this instance, with a lease the instance renews while it lives);
 *   2. record the create intent (committed) — from here on the key never starts a second create.
 *      A free key is claimed and its intent recorded in one write where the store can;
 *   3. call SmartPay;
 *   4. store the token and the key's outcome in one transaction — only then does the 201 leave.
 * A key whose owner died is answered after its lease: taken over when no intent was recorded,
 * otherwise `provider_outcome_unknown` (a token may exist at SmartPay; the intent row names it).
 */
import {
  ACCOUNT_CATEGORIES,
  type CreateTokenBody,
  type TokenRequest,
  tokenRequestSchema,
} from '@smartpay/contract';
import { MerchantError } from '../errors/merchant-error.js';
import { fromSmartPayError, mayHaveCreated } from '../errors/provider-errors.js';
import type { Logger } from '../logging/logger.js';
import type { SmartPayClient } from '../smartpay/client.js';
import { SmartPayError } from '../smartpay/errors.js';
import type { IdempotentOutcome, TokenStore } from '../store/token-store.js';
import { type BackoffPolicy, backoffDelay, sleep } from '../timing/backoff.js';
import { bodyFingerprint } from './fingerprint.js';

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export interface CreateTokenOptions {
  client: SmartPayClient;
  store: TokenStore;
  /** Used when the body has no currencyCode. */
  currencyCode: string;
  /** How long a duplicate waits for the first request with its key before answering 409. */
  waitForDuplicateMs: number;
  /** Told about every token created (not about replays). */
  onCreated?: (tokenId: string, status: string) => void;
  /** This instance's name on the keys it claims (default `local`). */
  instanceId?: string;
  /** How long a claim outlives a dead owner (default: the key's whole life). */
  leaseMs?: number;
  now?: () => number;
}

export interface CreateTokenInput {
  body: CreateTokenBody;
  idempotencyKey: string;
  /** The accountReferenceId; asked for once, before the Idempotency-Key is claimed. */
  resolveAccount: () => Promise<string>;
  logger: Logger;
  requestId?: string;
  /**
   * What the Idempotency-Key is bound to, when not the whole body: a create forwarded by the PCI
   * proxy gets new card tokens on every retry, so its key is bound to the body without them.
   */
  bindKeyTo?: (body: CreateTokenBody) => unknown;
}

export interface CreatedToken {
  tokenId: string;
  status: string;
  createdAt: string;
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

export type CreateToken = (input: CreateTokenInput) => Promise<CreatedToken>;

const [ACCOUNT_CATEGORY] = ACCOUNT_CATEGORIES;
/** A duplicate held by another instance looks again after 25 ms, then less and less often, up to 250 ms. */
const DUPLICATE_POLL: BackoffPolicy = { initialMs: 25, maxMs: 250, factor: 1.5, jitter: 0 };

/**
 * The body without optional fields left blank: the contract treats a blank optional field as not
 * given, so SmartPay gets no empty strings and the server's defaults (currencyCode) apply.
 */
function withoutBlankFields<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value)
    .filter(([, field]) => !(typeof field === 'string' && !/\S/.test(field)))
    .map(([key, field]) => [key, withoutBlankFields(field)]);
  return Object.fromEntries(entries) as T;
}

function replay(outcome: IdempotentOutcome): CreatedToken {
  if (outcome.kind === 'failed') throw new MerchantError(outcome.code, outcome.message);
  const { tokenId, status, createdAt } = outcome;
  return { tokenId, status, createdAt, replayed: true };
}

export function createTokenService(options: CreateTokenOptions): CreateToken {
  const { client, store } = options;
  const now = options.now ?? Date.now;
  /** The requests of this instance that hold a key, so duplicates here wake up at once. */
  const leaders = new Map<string, Promise<IdempotentOutcome>>();

  const owner = options.instanceId ?? 'local';

  /** SmartPay's request for a body and account; only the merchant's own code can make it invalid. */
  function smartPayRequest(body: CreateTokenBody, accountReferenceId: string, logger: Logger): TokenRequest {
    const request = tokenRequestSchema.safeParse({
      ...body,
      accountReferenceId,
      accountCategory: ACCOUNT_CATEGORY,
    });
    if (!request.success) {
      // resolveAccount must return a UUID.
      logger.error('token.request_invalid', { issues: request.error.issues.length });
      throw new MerchantError('internal_error', 'The server could not build the SmartPay request.');
    }
    return request.data;
  }

  async function lead(
    input: CreateTokenInput,
    body: CreateTokenBody,
    request: TokenRequest,
    intentRecorded: boolean,
  ): Promise<IdempotentOutcome> {
    const key = input.idempotencyKey;
    const { accountReferenceId } = request;
    let calledSmartPay = false;
    try {
      const intent = { owner, accountReferenceId, integrationFlow: body.integrationFlow, now: now() };
      if (!intentRecorded && !(await store.recordCreateIntent(key, intent))) {
        // Our claim lapsed (this instance could not renew it) and another instance has the key.
        throw new MerchantError(
          'idempotency_in_progress',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
        );
      }
      calledSmartPay = true;
      const token = await client.createToken(
        request,
        input.requestId === undefined ? {} : { requestId: input.requestId },
      );
      const at = now();
      const outcome: IdempotentOutcome = {
        kind: 'created',
        tokenId: token.tokenId,
        status: token.status,
        createdAt: token.createdAt,
      };
      const stored = {
        tokenId: token.tokenId,
        accountReferenceId,
        integrationFlow: body.integrationFlow,
        token,
        fullView: false,
        checkedAt: at,
        followSince: at,
      };
      try {
        // The token and the key's outcome in one transaction, before the answer leaves.
        await store.completeIdempotencyKey(key, outcome, { token: stored, owner, now: at });
      } catch (error) {
        // SmartPay has the token but we could not record it: name it for reconciliation.
        input.logger.error('token.created_not_saved', {
          tokenId: token.tokenId,
          error: (error as Error).name,
        });
        throw error;
      }
      input.logger.info('token.created', {
        tokenId: token.tokenId,
        status: token.status,
        integrationFlow: body.integrationFlow,
      });
      options.onCreated?.(token.tokenId, token.status);
      return outcome;
    } catch (error) {
      if (error instanceof SmartPayError && mayHaveCreated(error)) {
        // A repeat could create a second token: every later request with this key gets this answer.
        const merchant = fromSmartPayError(error);
        await store.completeIdempotencyKey(
          key,
          { kind: 'failed', code: merchant.code, message: merchant.message },
          { owner, now: now() },
        );
        input.logger.warn('token.outcome_unknown', { error: error.name, status: error.statusCode });
        throw merchant;
      }
      // Frees the key when nothing was sent, or SmartPay provably created nothing. An intent whose
      // outcome could not be stored stays, so after the lease the key answers "unknown".
      if (!calledSmartPay || error instanceof SmartPayError) await store.releaseIdempotencyKey(key, owner);
      throw error instanceof SmartPayError ? fromSmartPayError(error) : error;
    }
  }

  return async function createToken(input) {
    const given = withoutBlankFields(input.body);
    const body: CreateTokenBody = { ...given, currencyCode: given.currencyCode ?? options.currencyCode };
    const fingerprint = bodyFingerprint(input.bindKeyTo ? input.bindKeyTo(body) : body);
    const key = input.idempotencyKey;
    // Known before the key is claimed, so the claim can record the create's intent in the same write.
    const request = smartPayRequest(body, await input.resolveAccount(), input.logger);
    const intent = { accountReferenceId: request.accountReferenceId, integrationFlow: body.integrationFlow };
    const giveUpAt = now() + options.waitForDuplicateMs;
    let looks = 0;
    for (;;) {
      const claim = await store.claimIdempotencyKey(key, fingerprint, {
        now: now(),
        ttlMs: IDEMPOTENCY_TTL_MS,
        owner,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        intent,
      });
      switch (claim.state) {
        case 'claimed': {
          const recorded = claim.intentRecorded === true;
          const leader = lead(input, body, request, recorded).finally(() => leaders.delete(key));
          leaders.set(key, leader);
          const { tokenId, status, createdAt } = (await leader) as Extract<
            IdempotentOutcome,
            { kind: 'created' }
          >;
          return { tokenId, status, createdAt, replayed: false };
        }
        case 'mismatch':
          throw new MerchantError(
            'idempotency_key_reused',
            'This Idempotency-Key was already used with a different request body.',
          );
        case 'done':
          input.logger.info('idempotency.replayed', {});
          return replay(claim.outcome);
        case 'pending': {
          const leader = leaders.get(key);
          if (leader) {
            input.logger.info('idempotency.waited', {});
            return replay(await leader);
          }
          // The key is held elsewhere (another instance): look again shortly.
          if (now() >= giveUpAt) {
            throw new MerchantError(
              'idempotency_in_progress',
              'A request with this Idempotency-Key is still being processed; retry shortly.',
            );
          }
          await sleep(backoffDelay(looks++, DUPLICATE_POLL));
        }
      }
    }
  };
}
