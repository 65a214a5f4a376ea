/**
 * @module
 * What `/v1` answers, built field by field from what the store keeps (nothing SmartPay adds can
 * slip through).
 */
import type { V1Event, V1Token } from '@smartpay/contract';
import type { StoredToken } from '../store/token-store.js';
import type { EventRecord } from '../store/webhook-outbox.js';
import { toPublicToken } from '../tokens/public-token.js';
import { webhookBody } from '../webhooks/delivery-worker.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The full view of a token, network token number included: for the merchant's backend only. */
export function toV1Token(stored: StoredToken): V1Token {
  const { token } = stored;
  const network = token.networkToken;
  return {
    tokenId: stored.tokenId,
    accountReferenceId: stored.accountReferenceId ?? null,
    status: token.status,
    createdAt: token.createdAt,
    updatedAt: token.updatedAt,
    card: toPublicToken(token).card ?? null,
    networkToken: network?.tokenNumber
      ? {
          tokenNumber: network.tokenNumber,
          expiryMonth: network.tokenExpiryMonth ?? null,
          expiryYear: network.tokenExpiryYear ?? null,
        }
      : null,
    removedAt: stored.removedAt === undefined ? null : iso(stored.removedAt),
  };
}

export function toV1Event(record: EventRecord): V1Event {
  return {
    event: webhookBody(record.event),
    deliveries: record.deliveries.map((delivery) => ({
      endpoint: delivery.endpoint,
      state: delivery.state,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt === null ? null : iso(delivery.nextAttemptAt),
    })),
    attempts: record.attempts.map((attempt) => ({
      endpoint: attempt.endpoint,
      attempt: attempt.attempt,
      at: iso(attempt.at),
      httpStatus: attempt.httpStatus,
      durationMs: attempt.durationMs,
      error: attempt.error,
    })),
  };
}
