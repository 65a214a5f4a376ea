import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectBrand, isOtherBrand } from '../src/cards/brand.ts';
import { cardNumberProblem, expiryProblem, parseExpiry } from '../src/cards/card-rules.ts';

describe('brand detection', () => {
  const cases: [string, ReturnType<typeof detectBrand>][] = [
    ['4', 'VISA'],
    ['4111111111111111', 'VISA'],
    ['51', 'MASTERCARD'],
    ['5555555555554444', 'MASTERCARD'],
    ['2221', 'MASTERCARD'],
    ['2720', 'MASTERCARD'],
    ['2220', undefined],
    ['2721', undefined],
    ['50', undefined],
    ['56', undefined],
    ['34', undefined],
    ['6011', undefined],
  ];
  for (const [digits, brand] of cases) {
    test(`${digits} is ${brand ?? 'no supported brand'}`, () => assert.equal(detectBrand(digits), brand));
  }

  test('other brands are recognised from their first digits, while a Mastercard prefix is still open', () => {
    assert.deepEqual(
      ['3', '34', '6', '50', '2', '22', '272', '2721', '5', ''].map((digits) => [
        digits,
        isOtherBrand(digits),
      ]),
      [
        ['3', true],
        ['34', true],
        ['6', true],
        ['50', true],
        ['2', false],
        ['22', false],
        ['272', false],
        ['2721', true],
        ['5', false],
        ['', false],
      ],
    );
  });
});

describe('card number', () => {
  test('spaces and dashes are allowed, anything else is not', () => {
    assert.equal(cardNumberProblem('4111 1111-1111 1111'), undefined);
    assert.equal(cardNumberProblem('4111 1111 1111 111x'), 'invalid_characters');
  });
  test('a number is checked for brand, length and Luhn, in that order', () => {
    assert.equal(cardNumberProblem(''), 'required');
    assert.equal(cardNumberProblem('378282246310005'), 'unsupported_brand');
    assert.equal(cardNumberProblem('411111111111'), 'incomplete');
    assert.equal(cardNumberProblem('555555555555444'), 'incomplete');
    assert.equal(cardNumberProblem('4111111111111112'), 'failed_luhn');
    assert.equal(cardNumberProblem('4222222222222'), undefined, 'a 13-digit Visa');
  });
});

describe('expiry', () => {
  test('reads the ways people type a month and year', () => {
    for (const text of ['12/30', '12 / 30', '1230', '12/2030', '12-30']) {
      assert.deepEqual(parseExpiry(text), { month: '12', year: '30' }, text);
    }
    assert.deepEqual(parseExpiry('3/31'), { month: '03', year: '31' });
    for (const text of ['13/30', '00/30', '12/3', 'Dec 30', ''])
      assert.equal(parseExpiry(text), undefined, text);
  });
  test('a card is valid until the end of its month, and not 20 years ahead', () => {
    const now = Date.parse('2026-03-31T23:00:00Z');
    assert.equal(expiryProblem({ month: '03', year: '26' }, now), undefined);
    assert.equal(expiryProblem({ month: '02', year: '26' }, now), 'expired');
    assert.equal(expiryProblem({ month: '03', year: '46' }, now), undefined);
    assert.equal(expiryProblem({ month: '04', year: '46' }, now), 'invalid_expiry');
  });
});
