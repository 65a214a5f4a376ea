/**
 * @module
 * One attempt's create, with a fresh idempotency key (retries inside it reuse the key, so the
 * server makes at most one token). In the direct flow this is also where the card reaches SmartPay:
 * the create, card number and CVC included, goes to SmartPay's PCI proxy, which swaps them for
 * tokens and forwards it to the merchant server; the merchant origin never sees the card. Or, with
 * the merchant's own vault (`tokenize`), the card goes there and the create with its tokens.
 */
import type { CreateTokenBody, CreateTokenResponse } from '@smartpay/contract';
import type { CardTokenizer } from '../types.js';
import { ApiError, api } from './api.js';
import { cardBrand, digitsOf, parseExpiry } from './card.js';

/** The card as the shopper typed it in the direct flow, by field. */
export type CardEntry = Readonly<Record<'cardHolderName' | 'cardNumber' | 'expiry' | 'cvc', string>>;

export async function createToken(
  endpoint: string,
  body: CreateTokenBody,
  card: CardEntry | undefined,
  signal: AbortSignal,
  vault?: CardTokenizer,
): Promise<CreateTokenResponse> {
  const key = crypto.randomUUID();
  if (!card) return api.create(endpoint, body, key, signal);
  const pan = digitsOf(card.cardNumber);
  const expiry = parseExpiry(card.expiry)!;
  // The number and CVC go at the paths the proxy replaces with tokens (DIRECT_CARD_PATHS).
  body.cardDetails = {
    brand: cardBrand(pan)!,
    cardHolderName: card.cardHolderName.trim(),
    cardToken: pan,
    cvvToken: card.cvc.trim(),
    expiryMonth: expiry.month,
    expiryYear: expiry.year,
  };
  if (!vault) return api.createDirect(endpoint, body, key, signal);
  const tokens = await vault({ pan, cvv: card.cvc.trim() }, signal).catch((error) => {
    throw signal.aborted ? error : new ApiError('tokenization_failed');
  });
  body.cardDetails = { ...body.cardDetails, ...tokens };
  return api.create(endpoint, body, key, signal);
}
