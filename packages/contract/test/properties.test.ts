import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ADDRESS_FIELDS,
  CARD_DETAILS_FIELDS,
  CONSUMER_FIELDS,
  CREATE_TOKEN_BODY_SPEC,
  checkBody,
  createTokenBodySchema,
  INTEGRATION_FLOWS,
  TOKEN_REQUEST_FIELDS,
  TOKEN_REQUEST_SPEC,
  toFieldIssues,
  tokenRequestSchema,
} from '@smartpay/contract';
import fc from 'fast-check';
import { anyBody, validObject, validValue } from './arbitraries.ts';

const RUNS = { numRuns: 400 };

const schemas = [
  ['SmartPay create request', tokenRequestSchema, TOKEN_REQUEST_SPEC],
  ['merchant create body', createTokenBodySchema, CREATE_TOKEN_BODY_SPEC],
] as const;

/** Valid SmartPay requests of both flows, with every optional field sometimes present. */
const validRequest = fc
  .record({
    integrationFlow: fc.constantFrom(...INTEGRATION_FLOWS),
    accountReferenceId: validValue(TOKEN_REQUEST_FIELDS.accountReferenceId),
    accountCategory: fc.constant('EWalletUser'),
    currencyCode: validValue(TOKEN_REQUEST_FIELDS.currencyCode),
    billingAddress: validObject(ADDRESS_FIELDS),
    shippingAddress: fc.option(validObject(ADDRESS_FIELDS), { nil: undefined }),
    consumer: validObject(CONSUMER_FIELDS),
    cardDetails: validObject(CARD_DETAILS_FIELDS),
  })
  .map(({ shippingAddress, cardDetails, ...body }) => ({
    ...body,
    ...(shippingAddress && { shippingAddress }),
    ...(body.integrationFlow === 'direct' && { cardDetails }),
  }));

/** Any JSON, nested deep, with prototype-polluting keys mixed in. */
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 8 }),
  fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'consumer', 'billingAddress'),
    fc.jsonValue(),
  ),
);

describe('property: junk never throws, it is reported as issues', () => {
  for (const [name, schema, spec] of schemas) {
    test(`${name}: zod schema`, () => {
      fc.assert(
        fc.property(fc.oneof(junk, anyBody(spec)), (input) => {
          const result = schema.safeParse(input);
          if (result.success) return;
          const issues = toFieldIssues(result.error);
          assert.ok(issues.length > 0);
          for (const issue of issues) assert.match(issue.message, /^\S.* \S+/);
        }),
        RUNS,
      );
    });
    test(`${name}: browser validator`, () => {
      fc.assert(
        fc.property(fc.oneof(junk, anyBody(spec)), (input) => {
          for (const issue of checkBody(spec, input)) assert.equal(typeof issue.message, 'string');
        }),
        RUNS,
      );
    });
  }
});

describe('property: valid requests are accepted and survive a JSON round trip', () => {
  test('SmartPay create request', () => {
    fc.assert(
      fc.property(validRequest, (request) => {
        const first = tokenRequestSchema.safeParse(request);
        assert.ok(first.success, JSON.stringify(first.error && toFieldIssues(first.error)));
        const again = tokenRequestSchema.safeParse(JSON.parse(JSON.stringify(first.data)));
        assert.ok(again.success);
        assert.deepEqual(again.data, first.data);
      }),
      RUNS,
    );
  });
  test('accepted random bodies survive a JSON round trip too', () => {
    fc.assert(
      fc.property(anyBody(CREATE_TOKEN_BODY_SPEC), (body) => {
        const first = createTokenBodySchema.safeParse(body);
        if (!first.success) return;
        assert.deepEqual(createTokenBodySchema.parse(JSON.parse(JSON.stringify(first.data))), first.data);
      }),
      RUNS,
    );
  });
});

describe('property: the browser validator and the zod schema agree', () => {
  for (const [name, schema, spec] of schemas) {
    test(name, () => {
      fc.assert(
        fc.property(anyBody(spec), (body) => {
          const result = schema.safeParse(body);
          const fromZod = result.success ? [] : toFieldIssues(result.error);
          const fromBrowser = checkBody(spec, body);
          const key = (i: { path: string; code: string }) => `${i.path} ${i.code}`;
          assert.deepEqual(fromBrowser.map(key).sort(), fromZod.map(key).sort());
        }),
        RUNS,
      );
    });
  }
});
