import type { TokenRequest } from '@smartpay/contract';
import { exampleTokenRequest } from '@smartpay/contract/examples';

/** A request that passes every rule: each test breaks exactly one thing in a copy of it. */
export function validRequest(): TokenRequest & Record<string, unknown> {
  return exampleTokenRequest();
}

/** Card details as the direct flow sends them: tokens, never card data. */
export function validCardDetails() {
  return {
    brand: 'VISA',
    cardHolderName: 'Ada Lovelace',
    cardToken: 'ct_6f1c2a9e4b7d4e0f8a3b5c7d',
    cvvToken: 'cvv_9a8b7c6d5e',
    expiryMonth: '12',
    expiryYear: '2030',
  };
}

/** Sets `value` at a dotted path of a deep copy of `body`. `undefined` removes the field. */
export function withField(body: object, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}
