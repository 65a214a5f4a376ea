/**
 * Compile-time checks (typecheck only, never bundled): the public types written out in types.ts
 * match the shared contract's, so the published typings can stand alone without drifting.
 */
import type {
  IntegrationFlow as ContractFlow,
  PublicToken as ContractToken,
  CreateTokenBody,
} from '@smartpay/contract';
import type { ADDRESS_FIELDS, CONSUMER_FIELDS } from '@smartpay/contract/core';
import type { Address, Consumer, IntegrationFlow, PublicToken } from './types.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type Checks = [
  Expect<Equal<keyof Consumer, keyof typeof CONSUMER_FIELDS>>,
  Expect<Equal<keyof Address, keyof typeof ADDRESS_FIELDS>>,
  Expect<Equal<IntegrationFlow, ContractFlow>>,
  Expect<Equal<keyof PublicToken, keyof ContractToken>>,
  Expect<Equal<keyof NonNullable<PublicToken['card']>, keyof NonNullable<ContractToken['card']>>>,
];

// What the widget sends is a body the contract accepts, and the other way round.
export const consumer: CreateTokenBody['consumer'] = {} as Required<Consumer>;
export const address: NonNullable<CreateTokenBody['billingAddress']> = {} as Required<Address>;
