/**
 * Every maxLength and exact length on the API page (../shared/seeds/smartpay-create-network-token-api.txt),
 * transcribed here by hand and independently of src/fields, so a wrong limit in the tables fails.
 * Each limit gets two tests: the longest allowed value passes, one character more is refused.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toFieldIssues, tokenRequestSchema } from '@smartpay/contract';
import { validCardDetails, validRequest, withField } from './fixtures.ts';

const MAX_LENGTHS: readonly [path: string, max: number][] = [
  ...['billingAddress', 'shippingAddress'].flatMap((address): [string, number][] => [
    [`${address}.addressLine1`, 60],
    [`${address}.addressLine2`, 60],
    [`${address}.addressLine3`, 60],
    [`${address}.city`, 50],
    [`${address}.number`, 10],
    [`${address}.postCode`, 10],
    [`${address}.state`, 3],
  ]),
  ['consumer.culture', 5],
  ['consumer.emailAddress', 255],
  ['consumer.firstName', 60],
  ['consumer.gender', 6],
  ['consumer.homePhone', 30],
  ['consumer.lastName', 60],
  ['consumer.merchantCustomerId', 255],
  ['consumer.middleName', 60],
  ['consumer.mobilePhone', 30],
  ['consumer.taxNumber', 30],
  ['consumer.title', 3],
  ['consumer.workPhone', 30],
  ['cardDetails.brand', 10],
  ['cardDetails.cardHolderName', 64],
  ['cardDetails.cardToken', 32],
  ['cardDetails.cvvToken', 18],
];

/** A value of exactly `length` characters that is valid for the field's format. */
function valueOfLength(path: string, length: number): string {
  const field = path.split('.').at(-1)!;
  if (field === 'emailAddress') return `${'a'.repeat(length - 12)}@example.com`;
  if (field === 'culture') return 'en-DE'.padEnd(length, 'U');
  if (field.endsWith('Phone')) return `+${'4'.repeat(length - 1)}`;
  return 'A'.repeat(length);
}

function baseFor(path: string): Record<string, unknown> {
  const body = validRequest();
  if (path.startsWith('shippingAddress')) body.shippingAddress = { ...body.billingAddress };
  if (path.startsWith('cardDetails'))
    return { ...body, integrationFlow: 'direct', cardDetails: validCardDetails() };
  return body;
}

describe('every maxLength on the API page', () => {
  for (const [path, max] of MAX_LENGTHS) {
    test(`${path}: ${max} characters pass`, () => {
      const result = tokenRequestSchema.safeParse(withField(baseFor(path), path, valueOfLength(path, max)));
      assert.equal(result.success, true, result.error && JSON.stringify(toFieldIssues(result.error)));
    });
    test(`${path}: ${max + 1} characters are refused`, () => {
      const result = tokenRequestSchema.safeParse(
        withField(baseFor(path), path, valueOfLength(path, max + 1)),
      );
      assert.equal(result.success, false);
      assert.deepEqual(
        toFieldIssues(result.error!).map((i) => [i.path, i.code, i.message]),
        [[path, 'too_long', `${path} must be at most ${max} characters`]],
      );
    });
  }
});

describe('every exact length on the API page (3 characters)', () => {
  const cases: [path: string, valid: string, tooShort: string, tooLong: string][] = [
    ['currencyCode', 'EUR', 'EU', 'EURO'],
    ['billingAddress.countryCode', 'DEU', 'DE', 'DEUT'],
    ['shippingAddress.countryCode', 'FRA', 'FR', 'FRAN'],
  ];
  for (const [path, valid, tooShort, tooLong] of cases) {
    test(`${path}: 3 characters pass`, () => {
      assert.equal(tokenRequestSchema.safeParse(withField(baseFor(path), path, valid)).success, true);
    });
    for (const wrong of [tooShort, tooLong]) {
      test(`${path}: ${wrong.length} characters are refused`, () => {
        const result = tokenRequestSchema.safeParse(withField(baseFor(path), path, wrong));
        assert.deepEqual(
          toFieldIssues(result.error!).map((i) => [i.path, i.code, i.message]),
          [[path, 'wrong_length', `${path} must be exactly 3 characters`]],
        );
      });
    }
  }
});

describe('the enums and limits of the top-level fields', () => {
  test('integrationFlow accepts payment-form and direct', () => {
    assert.equal(tokenRequestSchema.safeParse(validRequest()).success, true);
    const direct = { ...validRequest(), integrationFlow: 'direct', cardDetails: validCardDetails() };
    assert.equal(tokenRequestSchema.safeParse(direct).success, true);
  });
  test('integrationFlow refuses any other value, naming the allowed ones', () => {
    const result = tokenRequestSchema.safeParse({ ...validRequest(), integrationFlow: 'hosted' });
    assert.deepEqual(toFieldIssues(result.error!)[0], {
      path: 'integrationFlow',
      code: 'invalid_value',
      message: 'integrationFlow must be one of: payment-form, direct',
      params: { values: ['payment-form', 'direct'] },
    });
  });
  test('accountCategory accepts the constant EWalletUser', () => {
    assert.equal(
      tokenRequestSchema.safeParse({ ...validRequest(), accountCategory: 'EWalletUser' }).success,
      true,
    );
  });
  test('accountCategory refuses Guest (in the page example, not in its enum)', () => {
    const result = tokenRequestSchema.safeParse({ ...validRequest(), accountCategory: 'Guest' });
    assert.equal(toFieldIssues(result.error!)[0]?.message, 'accountCategory must be one of: EWalletUser');
  });
  test('accountReferenceId accepts a uuid', () => {
    const id = '3FA85F64-5717-4562-B3FC-2C963F66AFA6';
    assert.equal(tokenRequestSchema.safeParse({ ...validRequest(), accountReferenceId: id }).success, true);
  });
  test('accountReferenceId refuses anything that is not a uuid', () => {
    for (const id of ['customer-42', '3fa85f64-5717-4562-b3fc-2c963f66afa', '']) {
      const result = tokenRequestSchema.safeParse({ ...validRequest(), accountReferenceId: id });
      assert.equal(toFieldIssues(result.error!)[0]?.path, 'accountReferenceId', id);
    }
  });
});
