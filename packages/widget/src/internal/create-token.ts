/**
 * @module
 * One attempt's create, with a fresh idempotency key (retries inside it reuse the key, so the
 * server makes at most one token). In the direct flow the card goes with it, through the card
 * fields' chunk (direct-fields.ts: SmartPay's PCI proxy or the merchant's own vault); the merchant
 * origin never sees the card.
 */
import type { CreateTokenBody, CreateTokenResponse } from '@smartpay/contract';
import type { CardTokenizer } from '../types.js';
import { api } from './api.js';
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
  return (await loadDirectFields()).createWithCard(endpoint, body, card, key, signal, vault);
}
