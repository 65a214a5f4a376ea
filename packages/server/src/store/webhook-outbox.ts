/**
 * @module
 * The webhook outbox as the store keeps it: events written in the same transaction as the status
 * change that causes them, one delivery per event and endpoint, and every attempt.
 */
import type { PublicCard, WebhookEventType } from '@smartpay/contract';

/** One event in the outbox. */
export interface OutboxEvent {
  readonly id: string;
  /** Increases with every event written: the order of `GET /v1/events`. */
  readonly seq: number;
  readonly type: WebhookEventType;
  readonly tokenId: string;
  readonly accountReferenceId: string;
  readonly status: string;
  readonly card: PublicCard | null;
  /** ms since epoch. */
  readonly createdAt: number;
}

/** A delivery a worker claimed: send `event` to `endpoint`, then record the attempt. */
export interface ClaimedDelivery {
  readonly event: OutboxEvent;
  readonly endpoint: string;
  /** Attempts made before this one (all time). */
  readonly attempts: number;
  /** Attempts made since the event was first due or redelivered: the place in the retry schedule. */
  readonly step: number;
}

export interface DeliveryClaimQuery {
  /** The endpoints this worker has secrets for. */
  readonly endpoints: readonly string[];
  readonly now: number;
  /** How long the claim keeps other workers off the delivery (longer than an attempt may take). */
  readonly leaseMs: number;
  readonly limit: number;
}

/** What one attempt did, and what happens next. */
export interface WebhookAttempt {
  readonly eventId: string;
  readonly endpoint: string;
  /** ms since epoch. */
  readonly at: number;
  readonly durationMs: number;
  /** The receiver's status; null when no answer came. */
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly next:
    | { readonly state: 'delivered' }
    | { readonly state: 'pending'; readonly at: number }
    | { readonly state: 'failed' }
    /** The receiver answered 410 Gone: no more deliveries to it until it is enabled again. */
    | { readonly state: 'endpoint_gone' };
}

export interface DeliveryState {
  readonly endpoint: string;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
}

export interface AttemptRecord {
  readonly endpoint: string;
  readonly attempt: number;
  readonly at: number;
  readonly durationMs: number;
  readonly httpStatus: number | null;
  readonly error: string | null;
}

/** An event with where it stands, for the API. */
export interface EventRecord {
  readonly event: OutboxEvent;
  readonly deliveries: readonly DeliveryState[];
  readonly attempts: readonly AttemptRecord[];
}
