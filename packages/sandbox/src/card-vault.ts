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

  /** Vaults a card number (digits, already checked) and its CVC. */
  tokenize(digits: string, brand: Brand): { cardToken: string; cvvToken: string } {
    // Within the cardToken and cvvToken limits of the API page (test/forwarding.test.ts checks them).
    const cardToken = CARD_TOKEN_PREFIX + randomBytes(12).toString('hex');
    const cvvToken = CVV_TOKEN_PREFIX + randomBytes(6).toString('hex');
    this.cards.set(cardToken, { brand, last4: digits.slice(-4), outcome: outcomeFor(digits) });
    this.cvvTokens.add(cvvToken);
    return { cardToken, cvvToken };
  }

  card(cardToken: string): VaultedCard | undefined {
    return this.cards.get(cardToken);
  }

  hasCvvToken(cvvToken: string): boolean {
    return this.cvvTokens.has(cvvToken);
  }

  clear(): void {
    this.cards.clear();
    this.cvvTokens.clear();
  }
}
