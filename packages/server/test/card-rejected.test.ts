/**
 * Item 5 of issue 11: a SmartPay 400 for a direct create (unknown card token, brand not matching
 * the card, expiry in the past) is the client's problem: 422 card_rejected naming the field where
 * SmartPay names it, logged at warn, one upstream call, and the key free for a corrected attempt.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { fromSmartPayError } from '../src/errors/provider-errors.ts';
import { SmartPayError } from '../src/index.ts';
import { directBody, paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness } from './helpers/harness.ts';

const harness = startHarness();
after(() => harness.close());

const lines = () => harness.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const posts = async () => (await harness.upstreamRequests()).filter((r) => r.method === 'POST').length;

async function rejected(response: Response) {
  assert.equal(response.status, 422);
  const { error } = await body<MerchantErrorBody>(response);
  assert.equal(error.code, 'card_rejected');
  assert.equal(error.type, 'invalid_request_error');
  return error;
}

describe('a direct create SmartPay refuses', () => {
  const cases: [string, () => Promise<Record<string, unknown>>, string][] = [
    [
      'a card token SmartPay does not know',
      async () => {
        const { cvvToken } = await harness.tokenize('4111111111111111');
        return directBody('ct_never_issued_by_the_proxy', cvvToken);
      },
      'cardDetails.cardToken',
    ],
    [
      'a brand that does not match the card',
      async () => {
        const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
        return directBody(cardToken, cvvToken, 'MASTERCARD');
      },
      'cardDetails.brand',
    ],
    [
      'an expiry in the past',
      async () => {
        const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
        const direct = directBody(cardToken, cvvToken);
        return { ...direct, cardDetails: { ...direct.cardDetails, expiryMonth: '01', expiryYear: '2020' } };
      },
      'cardDetails.expiryYear',
    ],
  ];
  for (const [name, make, path] of cases) {
    test(`${name}: 422 card_rejected naming ${path}, one upstream call, logged at warn`, async () => {
      const request = await make();
      await harness.clearUpstreamRequests();
      const logsBefore = harness.logs.length;
      const key = `card-rejected-${path}-${Date.now()}`;
      const error = await rejected(await harness.create(request, { key }));
      assert.deepEqual(
        error.fields?.map((f) => f.path),
        [path],
      );
      assert.equal(await posts(), 1, 'not retried');
      const logged = lines().slice(logsBefore);
      assert.ok(
        logged.some((l) => l.event === 'smartpay.failed' && l.level === 'warn' && l.code === 'card_rejected'),
      );
      assert.ok(!logged.some((l) => l.level === 'error'), 'a shopper mistake is not an error in the logs');
      // SmartPay created nothing, so the key is free: the same attempt, corrected, goes through.
      const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
      const fixed = await harness.create(directBody(cardToken, cvvToken), { key });
      assert.equal(fixed.status, 201);
    });
  }

  test('a direct create refused without a field named is still card_rejected, without fields', async () => {
    const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
    await harness.fault({ method: 'POST', path: '/network-tokens', kind: 'status', status: 400 });
    const error = await rejected(await harness.create(directBody(cardToken, cvvToken)));
    assert.equal(error.fields, undefined);
  });

  test('a payment-form create SmartPay refuses is still our bug: 502 provider_rejected', async () => {
    await harness.fault({ method: 'POST', path: '/network-tokens', kind: 'status', status: 400 });
    const response = await harness.create(paymentFormBody());
    assert.equal(response.status, 502);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_rejected');
  });
});

describe('reading SmartPay 400s: which field, and whose problem', () => {
  const refusal = (answer: unknown, integrationFlow = 'direct') =>
    fromSmartPayError(
      SmartPayError.from({ status: 400, bodyText: JSON.stringify(answer) }, 'createToken', integrationFlow),
    );

  test('class-validator`s mixed list: a {rule: values} object names its field too', () => {
    const error = refusal({
      message: [
        { 'cardDetails.brand must be one of the following values': 'VISA, MASTERCARD' },
        'cardDetails.expiryYear must not be in the past',
      ],
    });
    assert.equal(error.code, 'card_rejected');
    assert.equal(error.status, 422);
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['cardDetails.brand', 'cardDetails.expiryYear'],
    );
  });

  test('the trace shape names its field in `property`', () => {
    const error = refusal({
      traceId: '00-1234567890abcdef0123456789abcdef-0123456789abcdef-00',
      errors: [
        { message: 'Unknown card token.', code: 'invalid_card_token', property: 'cardDetails.cardToken' },
      ],
    });
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['cardDetails.cardToken'],
    );
  });

  test('a 400 about anything the server built is our bug, even in a direct create', () => {
    assert.equal(refusal({ message: ['Origin is required'] }).code, 'provider_rejected');
    assert.equal(
      refusal({ message: ['cardDetails.brand must be VISA', 'billingAddress.city is required'] }).code,
      'provider_rejected',
    );
    assert.equal(
      refusal({ message: ['cardDetails.brand must be VISA'] }, 'payment-form').code,
      'provider_rejected',
    );
  });

  test('prose that names no field is a card refusal in a direct create, without fields', () => {
    const error = refusal({ message: ['Card token not found.'] });
    assert.equal(error.code, 'card_rejected');
    assert.equal(error.fields, undefined);
  });
});
