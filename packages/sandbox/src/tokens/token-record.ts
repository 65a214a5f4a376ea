import type { IntegrationFlow, KnownTokenStatus } from '@smartpay/contract/core';
import type { Brand } from '../cards/brand.js';
import type { CardOutcome, ErrorReason } from '../cards/test-cards.js';
import type { Merchant } from '../merchants.js';

/** The card behind a token, as much as SmartPay keeps: never the full number or the CVC. */
export interface CardOnFile {
  readonly brand: Brand;
  readonly last4: string;
  readonly expiryMonth: string;
  /** Two digits, as in the API page's example. */
  readonly expiryYear: string;
  readonly cardHolderName?: string;
  readonly outcome: CardOutcome;
}

/** What an ACTIVE token carries: the network token and the ids SmartPay adds with it. */
export interface Provisioned {
  readonly tokenReferenceIdentifier: string;
  readonly accountHolderReferenceId: string;
  readonly extIdentifier: string;
  readonly tokenNumber: string;
  readonly tokenExpiryMonth: string;
  readonly tokenExpiryYear: string;
}

/** One token and where it is in its lifecycle. Times are milliseconds since the epoch. */
export interface TokenRecord {
  readonly tokenId: string;
  readonly merchant: Merchant;
  readonly integrationFlow: IntegrationFlow;
  readonly authorizationId: string;
  readonly createdAt: number;
  updatedAt: number;
  status: KnownTokenStatus;
  card?: CardOnFile;
  /** The card waiting for its 3-D Secure code; the token stays PENDING_PAYMENT_FORM meanwhile. */
  challengeCard?: CardOnFile;
  provisioned?: Provisioned;
  errorReason?: ErrorReason;
  /** Status reads still to answer 500 (the 4000 0000 0000 0119 card). */
  failingReads: number;
  /** When the payment form expires, in real time (Date.now()), for the form's own countdown. */
  formDeadline?: number;
  /**
   * When provisioning ends with the card's outcome, in real time (Date.now()), so that a restarted
   * sandbox finishes it on time. Absent for a forced PROVISIONING, which holds.
   */
  provisioningDueAt?: number;
}
