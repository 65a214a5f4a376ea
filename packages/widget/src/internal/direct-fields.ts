/**
 * @module
 * The direct flow's card fields, a chunk loaded only for `integration-flow="direct"`
 * (direct-loader.ts): their checks, how they format what the shopper types, the brand shown by the
 * number, the card details a direct create carries and the create with the card: through SmartPay's
 * PCI proxy, or with the tokens of the merchant's own vault.
 */
import type { CreateTokenBody, CreateTokenResponse, DirectAttempt } from '@smartpay/contract';
import {
  CARD_HOLDER_NAME_RULE,
  DIRECT_CARD_PATHS,
  type FieldTable,
  IDEMPOTENCY_HEADER,
  NETWORK_TOKEN_PATHS,
} from '@smartpay/contract/core';
import type { CardTokenizer } from '../types.js';
import { ApiError, api, JSON_HEADERS, retrying, send, url } from './api.js';
import { brandName } from './brand-name.js';
import { cardBrand, digitsOf, formatExpiry, groupDigits, parseExpiry } from './card.js';
import cardTexts from './english-card-texts.js';
import { fields } from './form.js';
import en from './locales/en.js';
import { timing } from './timing.js';

// English keeps the card step's texts here, out of the main file: they join the catalogue before
// the direct flow shows a card field (it awaits this chunk first).
Object.assign(en, cardTexts);

export { cardProblem } from './card.js';

/** The contract's rules for the card details (the holder's name is the only one typed as it is sent). */
export const CARD_RULES: FieldTable = { cardHolderName: CARD_HOLDER_NAME_RULE };

/** The card fields, in the same order as SmartPay's card form, the name first. */
export const CARD_FORM = fields(
  'cardHolderName:cc-name cardNumber:cc-number:numeric *expiry:cc-exp:numeric *cvc:cc-csc:numeric',
);

/** The card as the shopper typed it in the direct flow, by field. */
export type CardEntry = Readonly<Record<'cardHolderName' | 'cardNumber' | 'expiry' | 'cvc', string>>;

/**
 * Shows a card field's text as the shopper should see it, the number in groups, the expiry with its
 * "/"; the caret stays after the same digit (at the end, if it was there).
 */
export function formatCardField(input: HTMLInputElement, deleting: boolean): void {
  const { value, selectionStart } = input;
  const path = input.dataset.path;
  const next =
    path === 'card.cardNumber'
      ? groupDigits(value.replace(/\D/g, '').slice(0, 19))
      : path === 'card.expiry'
        ? formatExpiry(value, deleting)
        : value;
  if (next === value) return;
  const digits = value.slice(0, selectionStart ?? 0).replace(/\D/g, '').length;
  let at = 0;
  for (let seen = 0; seen < digits && at < next.length; at++) if (/\d/.test(next[at]!)) seen++;
  input.value = next;
  if (selectionStart === value.length) at = next.length;
  input.setSelectionRange(at, at);
}

/** The card field where the shopper corrects `cardDetails.<name>` (`expiryYear`: the expiry). */
export const cardFieldOf = (name: string): string =>
  `card.${/^expiry/.test(name) ? 'expiry' : /^cvv/.test(name) ? 'cvc' : /Name$/.test(name) ? 'cardHolderName' : 'cardNumber'}`;

/** The brand the card number shows so far ('' until it does). */
export function brandNote(number: string): string {
  const brand = cardBrand(digitsOf(number));
  return brand ? brandName(brand) : '';
}

/**
 * The card details of a direct create: the number and CVC at the paths SmartPay's PCI proxy
 * replaces with tokens (DIRECT_CARD_PATHS), or at which a merchant's own vault's tokens go.
 */
function cardDetails(card: CardEntry): NonNullable<CreateTokenBody['cardDetails']> {
  const pan = digitsOf(card.cardNumber);
  const expiry = parseExpiry(card.expiry)!;
  return {
    brand: cardBrand(pan)!,
    cardHolderName: card.cardHolderName.trim(),
    cardToken: pan,
    cvvToken: card.cvc.trim(),
    expiryMonth: expiry.month,
    expiryYear: expiry.year,
  };
}

/**
 * An answer of SmartPay's PCI proxy itself (no merchant error envelope): a 400 names the card
 * values it refused (`cardDetails.cardToken`, `…cvvToken`), for their fields; anything else means
 * the card could not be tokenized.
 */
function proxyFailure(status: number, body: unknown): ApiError {
  if (status !== 400) return new ApiError('tokenization_failed', status);
  const said = JSON.stringify((body as { message?: unknown } | undefined)?.message ?? '');
  const fields = Object.values(DIRECT_CARD_PATHS)
    .filter((path) => said.includes(path))
    .map((path) => ({ path, message: '' }));
  return new ApiError('card_refused', 400, undefined, fields);
}

/**
 * A direct create, the only request that ever carries the card number: an attempt from the
 * merchant server (same idempotency key), then the create straight to SmartPay's PCI proxy with
 * the attempt's headers and no cookies; the proxy swaps the card for tokens and forwards it to the
 * merchant server. Each try asks for a fresh attempt, so an expired one is never sent.
 */
const createDirect = (
  endpoint: string,
  body: CreateTokenBody,
  key: string,
  signal: AbortSignal,
): Promise<CreateTokenResponse> =>
  retrying(async () => {
    const attempt = await send<DirectAttempt>(
      url(endpoint, NETWORK_TOKEN_PATHS.directAttempts),
      { method: 'POST', headers: { [IDEMPOTENCY_HEADER]: key } },
      signal,
    );
    return send<CreateTokenResponse>(
      attempt.proxyUrl,
      {
        method: 'POST',
        headers: { ...JSON_HEADERS, ...attempt.headers },
        body: JSON.stringify(body),
        credentials: 'omit',
      },
      signal,
      timing.createTimeout,
      proxyFailure,
    );
  }, signal);

/**
 * A direct create with the card. The create, card number and CVC included, goes to SmartPay's PCI
 * proxy, which swaps them for tokens; or, with the merchant's own vault (`tokenize`), the card goes
 * there and the create with its tokens to the merchant server.
 */
export async function createWithCard(
  endpoint: string,
  body: CreateTokenBody,
  card: CardEntry,
  key: string,
  signal: AbortSignal,
  vault?: CardTokenizer,
): Promise<CreateTokenResponse> {
  const details = cardDetails(card);
  body.cardDetails = details;
  if (!vault) return createDirect(endpoint, body, key, signal);
  const tokens = await vault({ pan: details.cardToken!, cvv: details.cvvToken! }, signal).catch((error) => {
    throw signal.aborted ? error : new ApiError('tokenization_failed');
  });
  body.cardDetails = { ...details, ...tokens };
  return api.create(endpoint, body, key, signal);
}
