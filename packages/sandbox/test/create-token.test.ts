import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { networkTokenSchema } from '@smartpay/contract';
import { createSandbox } from '../src/index.ts';
import { createToken, paymentFormRequest, post, readToken } from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());

test('a payment-form create answers 200 with the fields of the API page and PENDING_PAYMENT_FORM', async () => {
  const response = await post(sandbox, '/network-tokens', paymentFormRequest());
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body), [
    'tokenId',
    'createdAt',
    'updatedAt',
    'authorizationId',
    'externalMerchantId',
    'status',
  ]);
  assert.equal(body.status, 'PENDING_PAYMENT_FORM');
  assert.match(body.tokenId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(body.createdAt, body.updatedAt);
  assert.equal(new Date(body.createdAt).toISOString(), body.createdAt);
  assert.deepEqual(networkTokenSchema.parse(body), body);
});

test('every create gets its own tokenId and authorizationId', async () => {
  const [a, b] = await Promise.all([createToken(sandbox), createToken(sandbox)]);
  assert.notEqual(a.tokenId, b.tokenId);
  assert.notEqual(a.authorizationId, b.authorizationId);
  assert.equal(a.externalMerchantId, b.externalMerchantId);
});

test('a created token reads back with GET, still pending and without card data', async () => {
  const created = await createToken(sandbox);
  const read = await readToken(sandbox, created.tokenId);
  assert.deepEqual(read, created);
  assert.equal('networkToken' in read, false);
  assert.equal('tokenizedCardData' in read, false);
});

test('the createdAt of a token comes from the sandbox clock', async () => {
  const clocked = createSandbox({ now: () => Date.parse('2024-07-29T15:51:28.071Z') });
  const created = await createToken(clocked);
  assert.equal(created.createdAt, '2024-07-29T15:51:28.071Z');
  clocked.close();
});
