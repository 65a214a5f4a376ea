import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CREATE_TOKEN_BODY_SPEC,
  checkBody,
  createTokenBodySchema,
  MERCHANT_ERROR_CODES,
  MERCHANT_ERROR_TYPES,
  MERCHANT_PATHS,
  merchantConfigSchema,
  publicTokenSchema,
  toFieldIssues,
  V1_PATHS,
  webhookEventSchema,
} from '@smartpay/contract';
import { validCardDetails, validRequest } from './fixtures.ts';

function browserBody() {
  const { accountReferenceId: _a, accountCategory: _c, ...body } = validRequest();
  return body;
}
const summary = (body: unknown) => {
  const result = createTokenBodySchema.safeParse(body);
  return result.success ? [] : toFieldIssues(result.error).map((i) => `${i.path}: ${i.code}`);
};

describe('merchant create body (widget to server)', () => {
  test('is the SmartPay body without the fields the server supplies', () => {
    assert.deepEqual(summary(browserBody()), []);
  });
  test('currencyCode may be left out, but is checked when sent', () => {
    const { currencyCode: _, ...body } = browserBody();
    assert.deepEqual(summary(body), []);
    assert.deepEqual(summary({ ...body, currencyCode: 'euro' }), ['currencyCode: wrong_length']);
  });
  test('the browser cannot choose the account: accountReferenceId and accountCategory are refused', () => {
    assert.deepEqual(summary(validRequest()), [
      'accountReferenceId: not_allowed',
      'accountCategory: not_allowed',
    ]);
  });
  test('consumer is required (no business consumers through the widget)', () => {
    const { consumer: _, ...body } = browserBody();
    assert.deepEqual(summary(body), ['consumer: required']);
  });
  test('direct needs card tokens, and a raw card number is refused', () => {
    assert.deepEqual(summary({ ...browserBody(), integrationFlow: 'direct' }), ['cardDetails: required']);
    const cardDetails = { ...validCardDetails(), cardToken: '4111111111111111' };
    assert.deepEqual(summary({ ...browserBody(), integrationFlow: 'direct', cardDetails }), [
      'cardDetails.cardToken: card_number',
    ]);
    assert.deepEqual(
      summary({
        ...browserBody(),
        integrationFlow: 'direct',
        cardDetails: { ...validCardDetails(), pan: '4111111111111111' },
      }),
      ['cardDetails.pan: not_allowed'],
    );
  });
  test('the browser validator reports what the server would', () => {
    const body = {
      ...browserBody(),
      billingAddress: { ...browserBody().billingAddress, countryCode: 'CAN', city: '' },
    };
    assert.deepEqual(
      checkBody(CREATE_TOKEN_BODY_SPEC, body).map((i) => i.message),
      ['billingAddress.city is required', 'billingAddress.state is required when countryCode is USA or CAN'],
    );
  });
});

describe('merchant responses', () => {
  test('config names the SDK URL and the allowed flows', () => {
    const config = {
      sdkUrl: 'http://localhost:4010/sdk/smp-bundle.js',
      integrationFlows: ['payment-form', 'direct'],
      currencyCode: 'EUR',
    };
    assert.equal(merchantConfigSchema.safeParse(config).success, true);
    assert.equal(merchantConfigSchema.safeParse({ ...config, integrationFlows: [] }).success, false);
    assert.equal(merchantConfigSchema.safeParse({ ...config, sdkUrl: 'not a url' }).success, false);
    assert.equal(merchantConfigSchema.safeParse({ ...config, defaultCountry: 'DEU' }).success, true);
    assert.equal(merchantConfigSchema.safeParse({ ...config, defaultCountry: 'DE' }).success, false);
  });
  test('the public token view drops anything a browser must not see', () => {
    const upstream = {
      tokenId: 'fb80458c-82ad-4abb-9e96-fc7d0a8b3d59',
      status: 'ACTIVE',
      updatedAt: '2023-03-21T13:57:03.138Z',
      card: { brand: 'VISA', last4: '1111', expiryMonth: '01', expiryYear: '24' },
      networkToken: { tokenNumber: '4125071111112119' },
      authorizationId: 'b50938f6-3f6b-4716-a173-6fe726a1db31',
    };
    const view = publicTokenSchema.parse(upstream);
    assert.deepEqual(Object.keys(view).sort(), ['card', 'status', 'tokenId', 'updatedAt']);
    assert.doesNotMatch(JSON.stringify(view), /4125071111112119|b50938f6/);
  });
  test('every error code belongs to one of the error types', () => {
    for (const [code, type] of Object.entries(MERCHANT_ERROR_CODES)) {
      assert.ok((MERCHANT_ERROR_TYPES as readonly string[]).includes(type), code);
    }
  });
  test('paths escape the token id', () => {
    assert.equal(MERCHANT_PATHS.events('a/b?c'), '/api/network-tokens/a%2Fb%3Fc/events');
  });
});

describe('webhook events and /v1', () => {
  const event = {
    id: 'evt_0123456789abcdef0123456789abcdef',
    type: 'network_token.active',
    createdAt: '2026-12-02T02:48:53.702Z',
    data: {
      tokenId: 't-1',
      accountReferenceId: '6f1c2a56-7d5e-4a43-9b53-4a1f0a0e8c11',
      status: 'ACTIVE',
      card: { brand: 'VISA', last4: '1111', expiryMonth: '12', expiryYear: '29' },
    },
  };

  test('an event parses; a token number sent by mistake never survives parsing', () => {
    assert.deepEqual(webhookEventSchema.parse(event), event);
    const leaky = { ...event, data: { ...event.data, tokenNumber: '4895370012003478' } };
    assert.equal(JSON.stringify(webhookEventSchema.parse(leaky)).includes('4895370012003478'), false);
    assert.equal(webhookEventSchema.safeParse({ ...event, type: 'network_token.deleted' }).success, false);
    assert.equal(
      webhookEventSchema.safeParse({ ...event, data: { ...event.data, card: null } }).success,
      true,
    );
  });

  test('/v1 paths escape their ids', () => {
    assert.equal(V1_PATHS.token('a/b'), '/v1/network-tokens/a%2Fb');
    assert.equal(V1_PATHS.redeliver('evt_1?x'), '/v1/events/evt_1%3Fx/redeliver');
    assert.equal(V1_PATHS.accountTokens('a b'), '/v1/accounts/a%20b/network-tokens');
  });
});
