import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTRY_ALPHA2, COUNTRY_CODES } from '@smartpay/contract';
import countries from 'i18n-iso-countries';

test('the packed country table matches i18n-iso-countries, code for code', () => {
  assert.deepEqual(Object.fromEntries(COUNTRY_ALPHA2), countries.getAlpha3Codes());
});

test('every alpha-2 twin has a name in Intl.DisplayNames (what the widget shows)', () => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const [alpha3, alpha2] of COUNTRY_ALPHA2) assert.notEqual(names.of(alpha2), alpha2, alpha3);
});

test('codes are sorted and unique', () => {
  assert.deepEqual([...COUNTRY_CODES].sort(), COUNTRY_CODES);
  assert.equal(new Set(COUNTRY_CODES).size, COUNTRY_CODES.length);
});
