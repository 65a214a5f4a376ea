import { randomBytes } from 'node:crypto';
import type { Brand } from './cards/brand.js';
import { type CardOutcome, outcomeFor } from './cards/test-cards.js';

/** What the vault keeps for a card token: enough to provision, never the full number. */
export interface VaultedCard {
  readonly brand: Brand;
  readonly last4: string;
  readonly outcome: CardOutcome;
}

/** Card tokens start with a prefix, so one can never be mistaken for a card number. */
const CARD_TOKEN_PREFIX = 'ct_';
const CVV_TOKEN_PREFIX = 'cvv_';

/**
 * The PCI proxy's vault: card numbers and CVCs in, opaque tokens out. A direct create later names
 * the tokens, and the card token maps back to its test card's outcome.
 */
export class CardVault {
  private readonly cards = new Map<string, VaultedCard>();
  private readonly cvvTokens = new Set<string>();

  /** `changed` is called after every change (how the state file knows to save). */
  constructor(private readonly changed: () => void = () => {}) {}

  /** Vaults a card number (digits, already checked) and its CVC. */
  tokenize(digits: string, brand: Brand): { cardToken: string; cvvToken: string } {
    // Within the cardToken and cvvToken limits of the API page (test/forwarding.test.ts checks them).
    const cardToken = CARD_TOKEN_PREFIX + randomBytes(12).toString('hex');
    const cvvToken = CVV_TOKEN_PREFIX + randomBytes(6).toString('hex');
    this.cards.set(cardToken, { brand, last4: digits.slice(-4), outcome: outcomeFor(digits) });
    this.cvvTokens.add(cvvToken);
    this.changed();
    return { cardToken, cvvToken };
  }

  card(cardToken: string): VaultedCard | undefined {
    return this.cards.get(cardToken);
  }

  hasCvvToken(cvvToken: string): boolean {
    return this.cvvTokens.has(cvvToken);
  }

  /** Every card token and CVC token, oldest first (what the state file saves). */
  entries(): { cards: [string, VaultedCard][]; cvvTokens: string[] } {
    return { cards: [...this.cards], cvvTokens: [...this.cvvTokens] };
  }

  /** Takes back the tokens saved before a restart. */
  restore(cards: readonly (readonly [string, VaultedCard])[], cvvTokens: readonly string[]): void {
    for (const [cardToken, card] of cards) this.cards.set(cardToken, card);
    for (const cvvToken of cvvTokens) this.cvvTokens.add(cvvToken);
  }

  clear(): void {
    this.cards.clear();
    this.cvvTokens.clear();
    this.changed();
  }
}
