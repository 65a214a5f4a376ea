/**
 * A merchant account the sandbox knows: its key pair (Basic auth), its OAuth2 client (Bearer
 * tokens from the client-credentials grant) and the externalMerchantId SmartPay reports for it.
 */
export interface Merchant {
  readonly merchantKey: string;
  readonly authenticationKey: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly externalMerchantId: string;
}

/** The key pair every package defaults to (architecture.md). */
export const DEFAULT_MERCHANT: Merchant = {
  merchantKey: 'sandbox-merchant-key',
  authenticationKey: 'sandbox-auth-key',
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  externalMerchantId: '9ff980b6-1fc6-4b61-9957-f8655b04cd9d',
};

/** A second merchant, so a client can see the 403 that another merchant's token gets. */
export const OTHER_MERCHANT: Merchant = {
  merchantKey: 'sandbox-other-merchant-key',
  authenticationKey: 'sandbox-other-auth-key',
  clientId: 'sandbox-other-client-id',
  clientSecret: 'sandbox-other-client-secret',
  externalMerchantId: '5c0d7a4e-2b1f-4f63-9a8e-3d6b2f1e7c90',
};

const MERCHANTS: readonly Merchant[] = [DEFAULT_MERCHANT, OTHER_MERCHANT];

/** The merchant with this merchant key (how a saved token names its merchant), or undefined. */
export function merchantWithKey(merchantKey: string): Merchant | undefined {
  return MERCHANTS.find((m) => m.merchantKey === merchantKey);
}

/** The `user:password` pair of a `Basic base64(user:password)` header, or undefined. */
export function basicCredentials(authorization: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const credentials = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  if (colon < 0) return undefined;
  return [credentials.slice(0, colon), credentials.slice(colon + 1)];
}

/**
 * The merchant an Authorization header names: `Basic base64(merchantKey:authenticationKey)`, or
 * `Bearer <access token>` when `bearer` knows the token (live, from the token endpoint).
 */
export function merchantFor(
  authorization: string | undefined,
  bearer?: (accessToken: string) => Merchant | undefined,
): Merchant | undefined {
  const token = /^Bearer\s+([\x21-\x7e]+)\s*$/i.exec(authorization ?? '')?.[1];
  if (token !== undefined) return bearer?.(token);
  const [key, secret] = basicCredentials(authorization) ?? [];
  return MERCHANTS.find((m) => m.merchantKey === key && m.authenticationKey === secret);
}

/** The merchant whose OAuth2 client this is, or undefined. */
export function merchantOfClient(clientId: string, clientSecret: string): Merchant | undefined {
  return MERCHANTS.find((m) => m.clientId === clientId && m.clientSecret === clientSecret);
}

/** The Authorization header value for a merchant, for tests and examples. */
export function basicAuthorization(merchant: Merchant = DEFAULT_MERCHANT): string {
  return `Basic ${Buffer.from(`${merchant.merchantKey}:${merchant.authenticationKey}`).toString('base64')}`;
}
