/**
 * @module
 * One attempt's create, with a fresh idempotency key (retries inside it reuse the key, so the
 * server makes at most one token). In the direct flow this is also where the card reaches SmartPay:
 * today the number and CVC go to SmartPay's PCI proxy (`tokenizeUrl`) and only the tokens it
 * returns go to the merchant server. Sending the create through SmartPay's forwarding proxy instead
 * changes this module alone: the flow sees the same `created` or failure either way.
 */
import type { CreateTokenBody, CreateTokenResponse, MerchantConfig } from '@smartpay/contract';
import { ApiError, api } from './api.js';
import { cardBrand, digitsOf, parseExpiry } from './card.js';

/** The card as the shopper typed it in the direct flow, by field. */
export type CardEntry = Readonly<Record<'cardHolderName' | 'cardNumber' | 'expiry' | 'cvc', string>>;

export async function createToken(
  endpoint: string,
  config: MerchantConfig,
  body: CreateTokenBody,
  card: CardEntry | undefined,
  signal: AbortSignal,
): Promise<CreateTokenResponse> {
  if (card) body.cardDetails = await tokenize(config.tokenizeUrl, card, signal);
  return api.create(endpoint, body, crypto.randomUUID(), signal);
}

/**
 * Sends the card number and CVC to SmartPay's PCI proxy, and nowhere else; returns the card
 * details with tokens. A number the proxy refuses fails as `card_refused`, for its field.
 */
async function tokenize(
  tokenizeUrl: string,
  card: CardEntry,
  signal: AbortSignal,
): Promise<CreateTokenBody['cardDetails']> {
  const pan = digitsOf(card.cardNumber);
  const expiry = parseExpiry(card.expiry)!;
  try {
    const tokens = await api.tokenize(tokenizeUrl, { pan, cvv: card.cvc.trim() }, signal);
    return {
      brand: cardBrand(pan)!,
      cardHolderName: card.cardHolderName.trim(),
      ...tokens,
      expiryMonth: expiry.month,
      expiryYear: expiry.year,
    };
  } catch (error) {
    throw error instanceof ApiError && error.code !== 'network_error'
      ? new ApiError(error.status === 400 ? 'card_refused' : 'tokenization_failed', error.status)
      : error;
  }
}
