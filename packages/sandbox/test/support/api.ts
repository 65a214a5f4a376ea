import type { NetworkToken } from '@smartpay/contract';
import { exampleTokenRequest } from '@smartpay/contract/examples';
import { basicAuthorization, type Sandbox } from '../../src/index.ts';

/** The headers the API page requires, all valid. */
export function apiHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    'Content-Type': 'application/json',
    'Accept-Language': 'en-US',
    Origin: 'https://shop.example',
    'User-Agent': 'sandbox-tests/1.0',
    Authorization: basicAuthorization(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => !!entry[1]));
}

/** A valid payment-form create request. */
export function paymentFormRequest(): Record<string, unknown> {
  return exampleTokenRequest();
}

/** A valid direct create request for card tokens from the PCI proxy. */
export function directRequest(cardToken: string, cvvToken?: string): Record<string, unknown> {
  return {
    ...paymentFormRequest(),
    integrationFlow: 'direct',
    cardDetails: {
      cardHolderName: 'Ada Lovelace',
      cardToken,
      ...(cvvToken && { cvvToken }),
      expiryMonth: '12',
      expiryYear: '2030',
    },
  };
}

export function post(
  sandbox: Sandbox,
  path: string,
  body: unknown,
  headers = apiHeaders(),
): Promise<Response> {
  return sandbox.fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Creates a token and returns the create response's body. */
export async function createToken(
  sandbox: Sandbox,
  body: unknown = paymentFormRequest(),
): Promise<NetworkToken> {
  const response = await post(sandbox, '/network-tokens', body);
  if (response.status !== 200)
    throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as NetworkToken;
}

export function getToken(sandbox: Sandbox, tokenId: string, headers = apiHeaders()): Promise<Response> {
  return sandbox.fetch(`/network-tokens/${tokenId}`, { headers });
}

/** The token as GET returns it (asserting a 200). */
export async function readToken(sandbox: Sandbox, tokenId: string): Promise<NetworkToken> {
  const response = await getToken(sandbox, tokenId);
  if (response.status !== 200) throw new Error(`GET answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as NetworkToken;
}

/** The tokens of a card number, as the PCI proxy would put them into a direct create. */
export function tokenize(sandbox: Sandbox, pan: string) {
  return sandbox.tokenizeCard(pan);
}

/** The origin `sandbox.fetch` resolves relative URLs against: the hosted form's own origin in process. */
export const IN_PROCESS_ORIGIN = 'http://sandbox.invalid';

/** What the hosted form posts when the shopper submits a card (as the frame script does). */
export function submitCard(
  sandbox: Sandbox,
  tokenId: string,
  number: string,
  entry: Record<string, string> = {},
) {
  return post(
    sandbox,
    `/sdk/card-form/${tokenId}/card`,
    { cardHolderName: 'Ada Lovelace', number, expiry: '12/30', cvc: '123', ...entry },
    { 'Content-Type': 'application/json', Origin: IN_PROCESS_ORIGIN },
  );
}

export function answerChallenge(sandbox: Sandbox, tokenId: string, code: string) {
  return post(
    sandbox,
    `/sdk/card-form/${tokenId}/challenge`,
    { code },
    { 'Content-Type': 'application/json', Origin: IN_PROCESS_ORIGIN },
  );
}

/** The `message` list of a 400: sentences, and `{rule: values}` objects for enums (as the API page shows). */
export async function messagesOf(response: Response): Promise<(string | Record<string, string>)[]> {
  return ((await response.json()) as { message: (string | Record<string, string>)[] }).message;
}
