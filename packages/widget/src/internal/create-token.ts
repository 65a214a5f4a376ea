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
import type { CardEntry } from './direct-fields.js';
import { loadDirectFields } from './direct-loader.js';

export async function createToken(
  endpoint: string,
  body: CreateTokenBody,
  card: CardEntry | undefined,
  signal: AbortSignal,
  vault?: CardTokenizer,
): Promise<CreateTokenResponse> {
  const key = crypto.randomUUID();
  if (!card) return api.create(endpoint, body, key, signal);
  const direct = await loadDirectFields();
  const details = direct.cardDetails(card);
  body.cardDetails = details;
  if (!vault) return direct.createDirect(endpoint, body, key, signal);
  const tokens = await vault({ pan: details.cardToken!, cvv: details.cvvToken! }, signal).catch((error) => {
    throw signal.aborted ? error : new ApiError('tokenization_failed');
  });
  body.cardDetails = { ...details, ...tokens };
  return api.create(endpoint, body, key, signal);
}
