import type { Brand } from './brand.js';

/** Why a token ended in ERROR. Kept by the sandbox for its README and tests; SmartPay's API has no such field. */
export const ERROR_REASONS = [
  'issuer_declined',
  'card_expired',
  'authentication_failed',
  'payment_form_expired',
  'forced',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** What happens once a card is accepted for provisioning. */
export interface CardOutcome {
  readonly status: 'ACTIVE' | 'ERROR';
  /** Sandbox milliseconds from PROVISIONING to the final status (scaled by the time scale). */
  readonly afterMs: number;
  readonly errorReason?: ErrorReason;
  /** The hosted form asks for a 3-D Secure code before the card is accepted. */
  readonly challenge?: boolean;
  /** This many status reads after the card is accepted answer 500. */
  readonly failingReads?: number;
}

export interface TestCard {
  readonly number: string;
  readonly brand: Brand;
  readonly outcome: CardOutcome;
  readonly description: string;
}

const SECOND = 1000;

/** The outcome of any other Luhn-valid Visa or Mastercard. */
export const DEFAULT_OUTCOME: CardOutcome = { status: 'ACTIVE', afterMs: SECOND };

/** The code that passes the 3-D Secure challenge; any other code fails it. */
export const CHALLENGE_PASS_CODE = '123456';

/** The test cards of architecture.md, each with its outcome and timing. */
export const TEST_CARDS: readonly TestCard[] = [
  {
    number: '4111111111111111',
    brand: 'VISA',
    outcome: DEFAULT_OUTCOME,
    description: 'Visa, ACTIVE after 1 s',
  },
  {
    number: '5555555555554444',
    brand: 'MASTERCARD',
    outcome: { status: 'ACTIVE', afterMs: 3 * SECOND },
    description: 'Mastercard, ACTIVE after 3 s',
  },
  {
    number: '4000000000000002',
    brand: 'VISA',
    outcome: { status: 'ERROR', afterMs: SECOND, errorReason: 'issuer_declined' },
    description: 'ERROR after 1 s (issuer declined provisioning)',
  },
  {
    number: '4000000000000069',
    brand: 'VISA',
    outcome: { status: 'ERROR', afterMs: SECOND, errorReason: 'card_expired' },
    description: 'ERROR after 1 s (card expired)',
  },
  {
    number: '5105105105105100',
    brand: 'MASTERCARD',
    outcome: { status: 'ACTIVE', afterMs: 60 * SECOND },
    description: 'Mastercard, ACTIVE after 60 s (slow provisioning)',
  },
  {
    number: '4000000000003220',
    brand: 'VISA',
    outcome: { status: 'ACTIVE', afterMs: SECOND, challenge: true },
    description: `3-D Secure challenge in the form: ${CHALLENGE_PASS_CODE} passes (then ACTIVE after 1 s), anything else: ERROR`,
  },
  {
    number: '4000000000000119',
    brand: 'VISA',
    outcome: { status: 'ACTIVE', afterMs: SECOND, failingReads: 3 },
    description: 'ACTIVE after 1 s, but the next 3 status reads answer 500',
  },
];

/** The outcome for a card number (digits only): its test card's, or the default. */
export function outcomeFor(digits: string): CardOutcome {
  return TEST_CARDS.find((card) => card.number === digits)?.outcome ?? DEFAULT_OUTCOME;
}
