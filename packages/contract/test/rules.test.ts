import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CARD_DETAILS_FIELDS,
  createTokenBodySchema,
  type FieldIssue,
  toFieldIssues,
  tokenRequestSchema,
} from '@smartpay/contract';
import { validCardDetails, validRequest, withField } from './fixtures.ts';

function issuesOf(body: unknown): FieldIssue[] {
  const result = tokenRequestSchema.safeParse(body);
  return result.success ? [] : toFieldIssues(result.error);
}
const summary = (body: unknown) => issuesOf(body).map((i) => `${i.path}: ${i.code}`);
const messages = (body: unknown) => issuesOf(body).map((i) => i.message);
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('consumer.dateOfBirth', () => {
  const at = (value: string) => withField(validRequest(), 'consumer.dateOfBirth', value);
  test('accepts a YYYY-MM-DD date', () => assert.deepEqual(summary(at('1986-03-11')), []));
  test('refuses other layouts', () => {
    for (const value of ['11.03.1986', '1986-3-11', '19860311', '1986/03/11']) {
      assert.deepEqual(summary(at(value)), ['consumer.dateOfBirth: invalid_format'], value);
    }
  });
  test('refuses days that do not exist', () => {
    assert.deepEqual(summary(at('2023-02-29')), ['consumer.dateOfBirth: invalid_format']);
    assert.deepEqual(summary(at('2024-02-29')), []);
  });
  test('accepts 1900-01-01, the earliest date allowed', () =>
    assert.deepEqual(summary(at('1900-01-01')), []));
  test('refuses 1899-12-31', () => {
    assert.deepEqual(messages(at('1899-12-31')), [
      'consumer.dateOfBirth must not be earlier than 1900-01-01',
    ]);
  });
  test('accepts today', () => assert.deepEqual(summary(at(isoDay(0))), []));
  test('refuses a date in the future', () => {
    assert.deepEqual(messages(at(isoDay(2))), ['consumer.dateOfBirth must not be in the future']);
  });
});

describe('address state', () => {
  for (const country of ['USA', 'CAN']) {
    const address = { addressLine1: 'Main St', postCode: '10001', city: 'City', countryCode: country };
    test(`is required when countryCode is ${country}`, () => {
      assert.deepEqual(messages({ ...validRequest(), billingAddress: address }), [
        'billingAddress.state is required when countryCode is USA or CAN',
      ]);
      assert.deepEqual(messages({ ...validRequest(), shippingAddress: { ...address, state: ' ' } }), [
        'shippingAddress.state is required when countryCode is USA or CAN',
      ]);
    });
    test(`is accepted when countryCode is ${country}`, () => {
      assert.deepEqual(summary({ ...validRequest(), billingAddress: { ...address, state: 'NY' } }), []);
    });
  }
  test('is optional elsewhere', () => assert.deepEqual(summary(validRequest()), []));
});

describe('countryCode and currencyCode', () => {
  test('countryCode must be an ISO 3166-1 alpha-3 code', () => {
    assert.deepEqual(summary(withField(validRequest(), 'billingAddress.countryCode', 'AUT')), []);
    assert.deepEqual(messages(withField(validRequest(), 'billingAddress.countryCode', 'XYZ')), [
      'billingAddress.countryCode must be an ISO 3166-1 alpha-3 country code such as DEU',
    ]);
    assert.deepEqual(summary(withField(validRequest(), 'billingAddress.countryCode', 'deu')), [
      'billingAddress.countryCode: invalid_format',
    ]);
  });
  test('currencyCode must be three capital letters', () => {
    assert.deepEqual(summary({ ...validRequest(), currencyCode: 'JPY' }), []);
    assert.deepEqual(summary({ ...validRequest(), currencyCode: 'eur' }), ['currencyCode: invalid_format']);
    assert.deepEqual(summary({ ...validRequest(), currencyCode: 'E1R' }), ['currencyCode: invalid_format']);
  });
});

describe('consumer and businessConsumer', () => {
  const business = { companyName: 'Lovelace GmbH', companyType: 'GmbH', emailAddress: 'office@example.com' };
  test('a business consumer alone is accepted', () => {
    const { consumer: _, ...body } = validRequest();
    assert.deepEqual(summary({ ...body, businessConsumer: business }), []);
  });
  test('are never sent together', () => {
    assert.deepEqual(messages({ ...validRequest(), businessConsumer: business }), [
      'businessConsumer must not be sent together with consumer',
    ]);
  });
  test('one of them is required', () => {
    const { consumer: _, ...body } = validRequest();
    assert.deepEqual(messages(body), ['consumer is required unless businessConsumer is sent']);
  });
});

describe('cardDetails', () => {
  const direct = () => ({ ...validRequest(), integrationFlow: 'direct' });
  test('is accepted for the direct flow', () => {
    assert.deepEqual(summary({ ...direct(), cardDetails: validCardDetails() }), []);
  });
  test('is required for the direct flow', () => {
    assert.deepEqual(messages(direct()), ['cardDetails is required when integrationFlow is direct']);
  });
  test('its fields are named as the API page orders them, alphabetically: cardHolderName, not holderName', () => {
    assert.deepEqual(Object.keys(CARD_DETAILS_FIELDS), [
      'brand',
      'cardHolderName',
      'cardToken',
      'cvvToken',
      'expiryMonth',
      'expiryYear',
    ]);
    const named = { ...direct(), cardDetails: { ...validCardDetails(), cardHolderName: 'Ada Lovelace' } };
    assert.deepEqual(summary(named), []);
    const { cardHolderName, ...rest } = validCardDetails();
    const old = { ...direct(), cardDetails: { ...rest, holderName: cardHolderName } };
    assert.deepEqual(summary(old), ['cardDetails.holderName: not_allowed']);
    const merchant = createTokenBodySchema.safeParse({ ...old, accountReferenceId: undefined });
    assert.equal(merchant.success, false, 'the merchant API refuses the old name too');
  });
  test('is refused for the payment-form flow', () => {
    assert.deepEqual(summary({ ...validRequest(), cardDetails: validCardDetails() }), [
      'cardDetails: not_allowed',
    ]);
  });
  test('expiryMonth is 01 to 12', () => {
    for (const month of ['01', '09', '12']) {
      assert.deepEqual(
        summary(
          withField({ ...direct(), cardDetails: validCardDetails() }, 'cardDetails.expiryMonth', month),
        ),
        [],
      );
    }
    for (const month of ['00', '13', '1', 'ab']) {
      const body = withField(
        { ...direct(), cardDetails: validCardDetails() },
        'cardDetails.expiryMonth',
        month,
      );
      assert.equal(issuesOf(body)[0]?.path, 'cardDetails.expiryMonth', month);
    }
  });
  test('expiryYear has 2 or 4 digits', () => {
    for (const year of ['30', '2030']) {
      assert.deepEqual(
        summary(withField({ ...direct(), cardDetails: validCardDetails() }, 'cardDetails.expiryYear', year)),
        [],
      );
    }
    for (const year of ['203', '20301', 'yy']) {
      const body = withField(
        { ...direct(), cardDetails: validCardDetails() },
        'cardDetails.expiryYear',
        year,
      );
      assert.equal(issuesOf(body)[0]?.path, 'cardDetails.expiryYear', year);
    }
  });
  test('a card number is refused where a card token belongs', () => {
    for (const pan of ['4111111111111111', '4111 1111 1111 1111', '5555-5555-5555-4444']) {
      const body = withField({ ...direct(), cardDetails: validCardDetails() }, 'cardDetails.cardToken', pan);
      assert.deepEqual(
        messages(body),
        ['cardDetails.cardToken must be a card token, not a card number'],
        pan,
      );
    }
  });
  test('a CVC is refused where a CVC token belongs', () => {
    const body = withField({ ...direct(), cardDetails: validCardDetails() }, 'cardDetails.cvvToken', '123');
    assert.deepEqual(messages(body), ['cardDetails.cvvToken must be a CVC token, not a CVC']);
  });
});

describe('consumer formats', () => {
  const at = (field: string, value: string) => summary(withField(validRequest(), `consumer.${field}`, value));
  test('emailAddress must look like an email address', () => {
    assert.deepEqual(at('emailAddress', 'ada.lovelace+shop@mail.example.co.uk'), []);
    for (const bad of ['ada', 'ada@', 'ada@example', 'a da@example.com']) {
      assert.deepEqual(at('emailAddress', bad), ['consumer.emailAddress: invalid_format'], bad);
    }
  });
  test('phone numbers hold digits and the usual separators', () => {
    assert.deepEqual(at('mobilePhone', '+49 (30) 123-456/7'), []);
    assert.deepEqual(at('mobilePhone', 'call me'), ['consumer.mobilePhone: invalid_format']);
    assert.deepEqual(at('homePhone', '+ -'), ['consumer.homePhone: invalid_format']);
  });
  test('culture is language-country, case-insensitive', () => {
    assert.deepEqual(at('culture', 'de-DE'), []);
    assert.deepEqual(at('culture', 'EN-de'), []);
    assert.deepEqual(at('culture', 'deu-D'), ['consumer.culture: invalid_format']);
  });
});

describe('required fields', () => {
  const required = [
    'integrationFlow',
    'accountReferenceId',
    'accountCategory',
    'currencyCode',
    'billingAddress',
    'billingAddress.addressLine1',
    'billingAddress.postCode',
    'billingAddress.city',
    'billingAddress.countryCode',
    'consumer.firstName',
    'consumer.lastName',
    'consumer.emailAddress',
  ];
  for (const path of required) {
    test(`${path} is required`, () => {
      assert.deepEqual(messages(withField(validRequest(), path, undefined)), [`${path} is required`]);
    });
  }
  test('a required field holding only spaces counts as missing', () => {
    assert.deepEqual(messages(withField(validRequest(), 'consumer.firstName', '   ')), [
      'consumer.firstName is required',
    ]);
  });
  test('the card token and expiry are required in card details', () => {
    for (const field of ['cardToken', 'expiryMonth', 'expiryYear']) {
      const body = withField(
        { ...validRequest(), integrationFlow: 'direct', cardDetails: validCardDetails() },
        `cardDetails.${field}`,
        undefined,
      );
      assert.deepEqual(summary(body), [`cardDetails.${field}: required`]);
    }
  });
  test('optional fields may be empty', () => {
    assert.deepEqual(summary(withField(validRequest(), 'billingAddress.addressLine2', '')), []);
  });
});

describe('hostile and malformed input', () => {
  test('unknown fields are refused by name, __proto__ included', () => {
    const body = JSON.parse(
      `{"__proto__": {"admin": true}, "pan": "4111111111111111", ${JSON.stringify(validRequest()).slice(1)}`,
    );
    assert.deepEqual(summary(body), ['__proto__: not_allowed', 'pan: not_allowed']);
  });
  test('wrong types are named', () => {
    assert.deepEqual(messages({ ...validRequest(), currencyCode: 978 }), ['currencyCode must be a string']);
    assert.deepEqual(messages({ ...validRequest(), consumer: 'Ada' }), ['consumer must be an object']);
    assert.deepEqual(messages([]), ['body must be an object']);
  });
  test('control characters are refused', () => {
    assert.deepEqual(messages(withField(validRequest(), 'billingAddress.city', 'Ber\u0000lin')), [
      'billingAddress.city must not contain control characters',
    ]);
  });
  test('every problem is reported at once, in body order', () => {
    const body = withField(
      withField({ ...validRequest(), currencyCode: 'EURO' }, 'consumer.firstName', undefined),
      'billingAddress.countryCode',
      'USA',
    );
    assert.deepEqual(summary(body), [
      'currencyCode: wrong_length',
      'consumer.firstName: required',
      'billingAddress.state: required',
    ]);
  });
});

describe('field paths in messages', () => {
  test('odd key names are quoted and cut short', () => {
    assert.deepEqual(messages({ ...validRequest(), ' ': 1, ['k'.repeat(500)]: 1, 'a\nb': 1 }), [
      '" " is not allowed',
      `"${'k'.repeat(40)}…" is not allowed`,
      '"a\\nb" is not allowed',
    ]);
  });
});
