import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  documentedNetworkTokenSchema,
  FINAL_STATUSES,
  isFinalStatus,
  networkTokenSchema,
  TOKEN_STATUSES,
  traceErrorBodySchema,
  validationErrorBodySchema,
} from '@smartpay/contract';

describe('token as SmartPay returns it', () => {
  test('parses the create example of the API page', () => {
    const created = {
      tokenId: 'fb80458c-82ad-4abb-9e96-fc7d0a8b3d59',
      createdAt: '2023-03-21T13:57:03.138Z',
      updatedAt: '2023-03-21T13:57:03.138Z',
      authorizationId: 'b50938f6-3f6b-4716-a173-6fe726a1db31',
      externalMerchantId: '9ff980b6-1fc6-4b61-9957-f8655b04cd9d',
      status: 'PENDING_PAYMENT_FORM',
    };
    assert.deepEqual(networkTokenSchema.parse(created), created);
  });
  test('parses the get example, with the network token and card data', () => {
    const active = {
      tokenId: 'e50a05f6-8e11-4409-a3bd-cda5a30e0e62',
      createdAt: '2023-03-21T11:58:57.463Z',
      updatedAt: '2023-03-21T11:59:40.305Z',
      tokenReferenceIdentifier: 'fedd8f16-d92b-495b-bec6-b9ec4e58b9b3',
      status: 'ACTIVE',
      networkToken: {
        extIdentifier: 'adbd5fe3-58ac-4569-b0c0-17398b5fc03a',
        tokenExpiryMonth: '01',
        tokenExpiryYear: '24',
        tokenNumber: '4125071111112119',
      },
      tokenizedCardData: {
        accountHolderReferenceId: 'ec7b936f-dcda-49ec-a186-3c17b6008392',
        expiryMonth: '01',
        expiryYear: '24',
        brand: 'VISA',
        last4Digits: '1111',
      },
    };
    assert.deepEqual(networkTokenSchema.parse(active), active);
  });
  test('keeps unknown statuses and drops unknown fields', () => {
    const token = networkTokenSchema.parse({
      tokenId: 'x',
      createdAt: 'c',
      updatedAt: 'u',
      status: 'SUSPENDED',
      extra: 1,
    });
    assert.equal(token.status, 'SUSPENDED');
    assert.equal('extra' in token, false);
  });
  test('reads liberally: longer values, MASTERCARD_DEBIT, a 20-digit token number, wrong types dropped', () => {
    const odd = {
      tokenId: 'e50a05f6-8e11-4409-a3bd-cda5a30e0e62',
      createdAt: '2023-03-21T11:58:57.463123456+00:00[Europe/Berlin]',
      updatedAt: '2023-03-21T11:59:40.305Z',
      authorizationId: 'an-authorization-id-longer-than-36-characters',
      status: 'ACTIVE',
      networkToken: { tokenNumber: '41250711111121190005', tokenExpiryYear: '2027', future: true },
      tokenizedCardData: { brand: 'MASTERCARD_DEBIT', last4Digits: '4444', expiryMonth: 1 },
      newTopLevelField: { anything: [1, 2] },
    };
    const token = networkTokenSchema.parse(odd);
    assert.equal(token.tokenizedCardData?.brand, 'MASTERCARD_DEBIT');
    assert.equal(token.networkToken?.tokenNumber, '41250711111121190005');
    assert.equal(token.createdAt, odd.createdAt);
    assert.equal(token.authorizationId, odd.authorizationId);
    assert.equal(token.tokenizedCardData?.expiryMonth, undefined, 'a wrong type is dropped, not fatal');
    assert.equal(networkTokenSchema.safeParse({ ...odd, networkToken: null }).success, true);
  });
  test('the documented shape names what is odd about an answer', () => {
    const issues = documentedNetworkTokenSchema
      .safeParse({
        tokenId: 'e50a05f6-8e11-4409-a3bd-cda5a30e0e62',
        createdAt: '2023-03-21T11:58:57.463Z',
        updatedAt: '2023-03-21T11:59:40.305Z',
        status: 'SUSPENDED',
        tokenizedCardData: { brand: 'MASTERCARD_DEBIT' },
        surprise: 1,
      })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.code]);
    assert.deepEqual(issues, [
      ['status', 'invalid_value'],
      ['tokenizedCardData.brand', 'too_big'],
      ['', 'unrecognized_keys'],
    ]);
  });
  test('refuses a body without the fields every token has', () => {
    assert.equal(networkTokenSchema.safeParse({ status: 'ACTIVE' }).success, false);
  });
});

describe('statuses', () => {
  test('ACTIVE and ERROR are final, the rest are not', () => {
    assert.deepEqual(TOKEN_STATUSES.filter(isFinalStatus), [...FINAL_STATUSES]);
    assert.equal(isFinalStatus('PENDING_PAYMENT_FORM'), false);
    assert.equal(isFinalStatus('PROVISIONING'), false);
  });
  test('unknown statuses are not final', () => assert.equal(isFinalStatus('SUSPENDED'), false));
});

describe('error bodies', () => {
  test('the 400 message list, with the mixed entries of the API page example', () => {
    const body = {
      message: [
        'accountReferenceId must be a string',
        { 'accountCategory must be one of the following values': 'EWalletUser, Guest' },
      ],
    };
    assert.deepEqual(validationErrorBodySchema.parse(body), body);
    assert.equal(validationErrorBodySchema.safeParse({ message: 'oops' }).success, false);
  });
  test('the traceId/errors shape, with and without a code', () => {
    const body = {
      traceId: '00-1234567890abcdef0123456789abcdef-0123456789abcdef-00',
      errors: [
        { message: 'You are not authenticated to perform this request.', code: 'unauthorized' },
        { message: 'Internal server error.' },
      ],
    };
    assert.deepEqual(traceErrorBodySchema.parse(body), body);
    assert.equal(traceErrorBodySchema.safeParse({ errors: [] }).success, false);
  });
});
