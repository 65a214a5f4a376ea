import type { CardDetails } from '@smartpay/contract';
import { type FieldIssue, issueAt } from '@smartpay/contract/core';
import type { CardVault } from './card-vault.js';
import { expiryProblem, parseExpiry } from './cards/card-rules.js';
import { isRecord } from './json-values.js';
import type { CardOnFile } from './tokens/token-record.js';

/**
 * What only the sandbox can check in a direct create: that the tokens came from its PCI proxy, that
 * the brand matches the card, and that the card has not expired. Runs on the raw body, so these
 * problems join the schema's in one 400; a path the schema already reported is not reported again.
 */
export function directCardIssues(
  body: unknown,
  vault: CardVault,
  now: number,
  reported: readonly FieldIssue[],
): FieldIssue[] {
  if (!isRecord(body) || body.integrationFlow !== 'direct' || !isRecord(body.cardDetails)) return [];
  const { cardToken, cvvToken, brand, expiryMonth, expiryYear } = body.cardDetails;
  const issues: FieldIssue[] = [];
  const fresh = (path: string) => !reported.some((issue) => issue.path === path);

  const card = typeof cardToken === 'string' ? vault.card(cardToken) : undefined;
  if (typeof cardToken === 'string' && !card && fresh('cardDetails.cardToken')) {
    const rule = 'must be a card token from POST /pci-proxy/tokenize';
    issues.push(issueAt('cardDetails.cardToken', { code: 'invalid_value', rule }));
  }
  if (typeof cvvToken === 'string' && cvvToken !== '' && !vault.hasCvvToken(cvvToken)) {
    if (fresh('cardDetails.cvvToken')) {
      const rule = 'must be a CVC token from POST /pci-proxy/tokenize';
      issues.push(issueAt('cardDetails.cvvToken', { code: 'invalid_value', rule }));
    }
  }
  if (card && typeof brand === 'string' && brand !== '' && brand.toUpperCase() !== card.brand) {
    if (fresh('cardDetails.brand')) {
      const rule = `must be ${card.brand}, the brand of the card token`;
      issues.push(issueAt('cardDetails.brand', { code: 'conflict', rule }));
    }
  }
  if (typeof expiryMonth === 'string' && typeof expiryYear === 'string' && fresh('cardDetails.expiryYear')) {
    const expiry = parseExpiry(`${expiryMonth}/${expiryYear}`);
    if (fresh('cardDetails.expiryMonth') && expiry && expiryProblem(expiry, now) === 'expired') {
      const rule = 'must not, with expiryMonth, be in the past: the card has expired';
      issues.push(issueAt('cardDetails.expiryYear', { code: 'invalid_value', rule }));
    }
  }
  return issues;
}

/** The card of a valid direct create, from its card token. */
export function cardOfDirectCreate(details: CardDetails, vault: CardVault): CardOnFile {
  const card = vault.card(details.cardToken);
  const expiry = parseExpiry(`${details.expiryMonth}/${details.expiryYear}`);
  if (!card || !expiry) throw new Error('cardOfDirectCreate needs card details that passed directCardIssues');
  return {
    brand: card.brand,
    last4: card.last4,
    expiryMonth: expiry.month,
    expiryYear: expiry.year,
    ...(details.cardHolderName ? { cardHolderName: details.cardHolderName } : {}),
    outcome: card.outcome,
  };
}
