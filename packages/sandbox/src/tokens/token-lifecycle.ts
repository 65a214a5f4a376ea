import { randomUUID } from 'node:crypto';
import type { IntegrationFlow, KnownTokenStatus } from '@smartpay/contract/core';
import type { FrameState } from '../browser/protocol.js';
import { networkTokenNumber } from '../cards/network-token-number.js';
import { type CardOutcome, CHALLENGE_PASS_CODE, TEST_CARDS } from '../cards/test-cards.js';
import type { Merchant } from '../merchants.js';
import type { Scheduler } from '../scheduler.js';
import type { CardOnFile, Provisioned, TokenRecord } from './token-record.js';

/** A token left in PENDING_PAYMENT_FORM this long (sandbox time) goes to ERROR. */
export const PAYMENT_FORM_TIMEOUT_MS = 30 * 60 * 1000;

/** Network tokens get their own expiry, this many years after they are issued. */
const TOKEN_VALIDITY_YEARS = 3;

/** Whether the hosted form may take a card for a token, and if not, why (what the form page tells its script). */
export type FormAvailability = FrameState;

/** What the hosted form does after a card or a challenge code was sent. */
export type FormStep =
  | { readonly next: 'provisioning' }
  | { readonly next: 'challenge' }
  | { readonly next: 'authentication-failed' }
  | { readonly next: 'refused'; readonly availability: Exclude<FormAvailability, 'open'> };

/** The test Visa a token forced to ACTIVE gets when it has no card yet. */
const FORCED_CARD_NUMBER = '4111111111111111';

/**
 * Every token and its state machine:
 * PENDING_PAYMENT_FORM → (card accepted) PROVISIONING → ACTIVE | ERROR, PENDING_PAYMENT_FORM → ERROR
 * after PAYMENT_FORM_TIMEOUT_MS or a failed challenge; a direct create is ACTIVE or ERROR at once.
 */
export class TokenLifecycle {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly timers = new Map<string, () => void>();

  /** `changed` is called after every change of any token (how the state file knows to save). */
  constructor(
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
    private readonly changed: () => void = () => {},
  ) {}

  get(tokenId: string): TokenRecord | undefined {
    return this.tokens.get(tokenId);
  }

  /** Every token, oldest first. */
  list(): readonly TokenRecord[] {
    return [...this.tokens.values()];
  }

  /** A payment-form token waits for its card; a direct token carries one and is final at once. */
  create(merchant: Merchant, integrationFlow: IntegrationFlow, card?: CardOnFile): TokenRecord {
    const now = this.now();
    const record: TokenRecord = {
      tokenId: randomUUID(),
      merchant,
      integrationFlow,
      authorizationId: randomUUID(),
      createdAt: now,
      updatedAt: now,
      status: 'PENDING_PAYMENT_FORM',
      failingReads: 0,
    };
    this.tokens.set(record.tokenId, record);
    if (card) {
      // Direct: "a token will be immediately generated", so it is final in the same instant it is created.
      record.card = card;
      record.failingReads = card.outcome.failingReads ?? 0;
      this.finish(record, card.outcome, now);
    } else {
      this.openForm(record);
    }
    this.changed();
    return record;
  }

  /**
   * Takes back tokens saved before a restart, oldest first, and re-arms their timers at their saved
   * deadlines: a transition whose moment passed while the sandbox was down happens now.
   */
  restore(records: readonly TokenRecord[]): void {
    for (const record of records) {
      this.tokens.set(record.tokenId, record);
      if (record.status === 'PENDING_PAYMENT_FORM' && record.formDeadline !== undefined) {
        this.resumeAt(record, record.formDeadline, () => this.fail(record, 'payment_form_expired'));
      } else if (record.status === 'PROVISIONING' && record.provisioningDueAt !== undefined && record.card) {
        const { outcome } = record.card;
        this.resumeAt(record, record.provisioningDueAt, () => this.finish(record, outcome));
      }
    }
    this.changed();
  }

  /** Whether the hosted form may take a card for this token. */
  formAvailability(tokenId: string): FormAvailability {
    const record = this.tokens.get(tokenId);
    if (!record) return 'unknown';
    if (record.status === 'PENDING_PAYMENT_FORM') return 'open';
    return record.errorReason === 'payment_form_expired' ? 'expired' : 'closed';
  }

  /** The shopper submitted a card in the hosted form. */
  submitCard(tokenId: string, card: CardOnFile): FormStep {
    const availability = this.formAvailability(tokenId);
    const record = this.tokens.get(tokenId);
    if (availability !== 'open' || !record) return { next: 'refused', availability: refusal(availability) };
    if (card.outcome.challenge) {
      record.challengeCard = card;
      this.changed();
      return { next: 'challenge' };
    }
    this.provision(record, card);
    this.changed();
    return { next: 'provisioning' };
  }

  /** The shopper answered the 3-D Secure challenge: one attempt, like a real issuer's ACS page. */
  answerChallenge(tokenId: string, code: string): FormStep {
    const availability = this.formAvailability(tokenId);
    const record = this.tokens.get(tokenId);
    const card = record?.challengeCard;
    if (availability !== 'open' || !record || !card)
      return { next: 'refused', availability: refusal(availability) };
    record.challengeCard = undefined;
    if (code.trim() === CHALLENGE_PASS_CODE) {
      this.provision(record, card);
      this.changed();
      return { next: 'provisioning' };
    }
    record.card = card;
    this.fail(record, 'authentication_failed');
    this.changed();
    return { next: 'authentication-failed' };
  }

  /** A status read. True when this read must answer 500 (the failing-reads test card). */
  takeFailingRead(record: TokenRecord): boolean {
    if (record.failingReads <= 0) return false;
    record.failingReads--;
    this.changed();
    return true;
  }

  /**
   * Moves a token to `status` at once (the control API). The new status holds: no timer moves it on,
   * except that PENDING_PAYMENT_FORM reopens the form with a fresh 30-minute expiry.
   */
  force(tokenId: string, status: KnownTokenStatus): TokenRecord | undefined {
    const record = this.tokens.get(tokenId);
    if (!record) return undefined;
    this.cancelTimer(tokenId);
    record.challengeCard = undefined;
    record.provisioned = undefined;
    record.errorReason = undefined;
    record.formDeadline = undefined;
    record.provisioningDueAt = undefined;
    switch (status) {
      case 'PENDING_PAYMENT_FORM':
        record.card = undefined;
        this.openForm(record);
        this.touch(record, status);
        break;
      case 'PROVISIONING':
        this.touch(record, status);
        break;
      case 'ACTIVE':
        record.card ??= forcedCard(this.now());
        record.provisioned = provisionedToken(record.card, this.now());
        this.touch(record, status);
        break;
      case 'ERROR':
        this.fail(record, 'forced');
        break;
    }
    this.changed();
    return record;
  }

  /** Forgets every token and cancels their timers. */
  clear(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.tokens.clear();
    this.changed();
  }

  private openForm(record: TokenRecord): void {
    record.formDeadline = Date.now() + this.scheduler.scaled(PAYMENT_FORM_TIMEOUT_MS);
    this.schedule(
      record,
      (fire) => this.scheduler.after(PAYMENT_FORM_TIMEOUT_MS, fire),
      () => {
        if (record.status === 'PENDING_PAYMENT_FORM') this.fail(record, 'payment_form_expired');
      },
    );
  }

  /** The card was accepted: PROVISIONING now, the card's outcome after its delay. */
  private provision(record: TokenRecord, card: CardOnFile): void {
    record.card = card;
    record.formDeadline = undefined;
    record.failingReads = card.outcome.failingReads ?? 0;
    record.provisioningDueAt = Date.now() + this.scheduler.scaled(card.outcome.afterMs);
    this.touch(record, 'PROVISIONING');
    this.schedule(
      record,
      (fire) => this.scheduler.after(card.outcome.afterMs, fire),
      () => this.finish(record, card.outcome),
    );
  }

  private finish(record: TokenRecord, outcome: CardOutcome, at = this.now()): void {
    if (outcome.status === 'ERROR') {
      this.fail(record, outcome.errorReason ?? 'issuer_declined', at);
      return;
    }
    if (!record.card) throw new Error(`token ${record.tokenId} cannot become ACTIVE without a card`);
    record.provisioned = provisionedToken(record.card, at);
    record.provisioningDueAt = undefined;
    this.touch(record, 'ACTIVE', at);
  }

  private fail(record: TokenRecord, reason: NonNullable<TokenRecord['errorReason']>, at = this.now()): void {
    this.cancelTimer(record.tokenId);
    record.errorReason = reason;
    record.formDeadline = undefined;
    record.provisioningDueAt = undefined;
    record.provisioned = undefined;
    this.touch(record, 'ERROR', at);
  }

  private touch(record: TokenRecord, status: KnownTokenStatus, at = this.now()): void {
    record.status = status;
    record.updatedAt = at;
  }

  /** One timer per token, armed by `arm` with the scheduler: a new one replaces the old. */
  private schedule(record: TokenRecord, arm: (fire: () => void) => () => void, run: () => void): void {
    this.cancelTimer(record.tokenId);
    const cancel = arm(() => {
      this.timers.delete(record.tokenId);
      run();
      this.changed();
    });
    this.timers.set(record.tokenId, cancel);
  }

  /** A restored timer: at its saved real-time deadline, or at once when that has passed. */
  private resumeAt(record: TokenRecord, deadline: number, run: () => void): void {
    if (deadline <= Date.now()) run();
    else this.schedule(record, (fire) => this.scheduler.at(deadline, fire), run);
  }

  private cancelTimer(tokenId: string): void {
    this.timers.get(tokenId)?.();
    this.timers.delete(tokenId);
  }
}

function refusal(availability: FormAvailability): Exclude<FormAvailability, 'open'> {
  return availability === 'open' ? 'closed' : availability;
}

/** A fresh network token for a card: a Luhn-valid number of its brand, with its own expiry. */
function provisionedToken(card: CardOnFile, now: number): Provisioned {
  const issued = new Date(now);
  return {
    tokenReferenceIdentifier: randomUUID(),
    accountHolderReferenceId: randomUUID(),
    extIdentifier: randomUUID(),
    tokenNumber: networkTokenNumber(card.brand),
    tokenExpiryMonth: String(issued.getUTCMonth() + 1).padStart(2, '0'),
    tokenExpiryYear: String((issued.getUTCFullYear() + TOKEN_VALIDITY_YEARS) % 100).padStart(2, '0'),
  };
}

function forcedCard(now: number): CardOnFile {
  const card = TEST_CARDS.find((c) => c.number === FORCED_CARD_NUMBER)!;
  const expiry = new Date(now);
  return {
    brand: card.brand,
    last4: card.number.slice(-4),
    expiryMonth: '12',
    expiryYear: String((expiry.getUTCFullYear() + TOKEN_VALIDITY_YEARS) % 100).padStart(2, '0'),
    outcome: card.outcome,
  };
}
