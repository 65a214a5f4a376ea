/**
 * @module
 * A request that passes every rule, for documentation and tests: each caller gets a fresh copy to
 * change. Zod-free, like `./core`.
 */
import type { CreateTokenBody } from './merchant/api.js';
import type { TokenRequest } from './smartpay/token-request.js';

/** The merchant API body (widget to server) of a shopper in Berlin, payment-form flow. */
export function exampleCreateTokenBody(): CreateTokenBody {
  return {
    integrationFlow: 'payment-form',
    currencyCode: 'EUR',
    billingAddress: {
      addressLine1: 'Invalidenstraße',
      number: '117',
      postCode: '10115',
      city: 'Berlin',
      countryCode: 'DEU',
    },
    consumer: { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' },
  };
}

/** The same shopper as SmartPay's POST /network-tokens body, with the fields the server adds. */
export function exampleTokenRequest(): TokenRequest {
  return {
    ...exampleCreateTokenBody(),
    accountReferenceId: '751a0ecc-f672-402b-b989-696cec677f80',
    accountCategory: 'EWalletUser',
    currencyCode: 'EUR',
  };
}
