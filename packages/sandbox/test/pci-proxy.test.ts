import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CARD_DETAILS_FIELDS, checkLeaf } from '@smartpay/contract';
import { createSandbox } from '../src/index.ts';
import { messagesOf, post, tokenize } from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());

const tokenizeRaw = (body: unknown) =>
  post(sandbox, '/pci-proxy/tokenize', body, {
    'Content-Type': 'application/json',
    Origin: 'https://shop.example',
  });

test('a Visa number and CVC become a card token and a CVV token that fit cardDetails', async () => {
  const { cardToken, cvvToken } = await tokenize(sandbox, '4111 1111 1111 1111', '737');
  assert.equal(checkLeaf(CARD_DETAILS_FIELDS.cardToken, cardToken), undefined);
  assert.equal(checkLeaf(CARD_DETAILS_FIELDS.cvvToken, cvvToken), undefined);
  assert.doesNotMatch(cardToken, /^\d+$/);
  assert.doesNotMatch(cardToken, /1111/);
});

test('the same card tokenized twice gets two different tokens', async () => {
  const a = await tokenize(sandbox, '5555555555554444');
  const b = await tokenize(sandbox, '5555555555554444');
  assert.notEqual(a.cardToken, b.cardToken);
  assert.notEqual(a.cvvToken, b.cvvToken);
});

test('a Luhn-invalid number answers 400', async () => {
  const response = await tokenizeRaw({ pan: '4111111111111112', cvv: '123' });
  assert.equal(response.status, 400);
  assert.deepEqual(await messagesOf(response), ['pan must pass the Luhn check']);
});

test('a number of another brand answers 400, even when it passes Luhn', async () => {
  const response = await tokenizeRaw({ pan: '378282246310005', cvv: '1234' });
  assert.equal(response.status, 400);
  assert.deepEqual(await messagesOf(response), [
    'pan must be a Visa or Mastercard number',
    'cvv must be 3 digits',
  ]);
});

test('a missing pan and cvv are both named', async () => {
  const response = await tokenizeRaw({});
  assert.deepEqual(await messagesOf(response), ['pan is required', 'cvv is required']);
});

test('it answers CORS for any origin, preflight included', async () => {
  const preflight = await sandbox.fetch('/pci-proxy/tokenize', {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://shop.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/i);
  const response = await tokenizeRaw({ pan: '4111111111111111', cvv: '123' });
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
});
