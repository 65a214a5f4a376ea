import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { networkTokenSchema } from '@smartpay/contract';
import { passesLuhn } from '@smartpay/contract/core';
import { createSandbox, TEST_CARDS } from '../src/index.ts';
import {
  createToken,
  directRequest,
  getToken,
  messagesOf,
  post,
  readToken,
  tokenize,
} from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());

test('a direct create with a Visa card token is ACTIVE at once, with the network token on GET', async () => {
  const { cardToken, cvvToken } = await tokenize(sandbox, '4111111111111111');
  const created = await createToken(sandbox, directRequest(cardToken, cvvToken));
  assert.equal(created.status, 'ACTIVE');
  assert.equal('networkToken' in created, false, 'the create answer has only the fields of the API page');
  assert.equal(created.updatedAt, created.createdAt, 'final in the instant it was created');
  const token = networkTokenSchema.parse(await readToken(sandbox, created.tokenId));
  assert.equal(token.status, 'ACTIVE');
  assert.deepEqual(token.tokenizedCardData && { ...token.tokenizedCardData, accountHolderReferenceId: 'x' }, {
    accountHolderReferenceId: 'x',
    expiryMonth: '12',
    expiryYear: '30',
    brand: 'VISA',
    last4Digits: '1111',
  });
  assert.ok(passesLuhn(token.networkToken!.tokenNumber!));
});

for (const card of TEST_CARDS) {
  test(`a direct create with ${card.number} ends ${card.outcome.status} at once`, async () => {
    const { cardToken } = await tokenize(sandbox, card.number);
    const created = await createToken(sandbox, directRequest(cardToken));
    assert.equal(created.status, card.outcome.status);
  });
}

test('the failing-reads card still fails its next 3 status reads after a direct create', async () => {
  const { cardToken } = await tokenize(sandbox, '4000000000000119');
  const { tokenId } = await createToken(sandbox, directRequest(cardToken));
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await getToken(sandbox, tokenId)).status);
  assert.deepEqual(statuses, [500, 500, 500, 200]);
});

test('a card token the PCI proxy never issued answers 400', async () => {
  const response = await post(sandbox, '/network-tokens', directRequest('ct_not_from_the_proxy'));
  assert.equal(response.status, 400);
  assert.deepEqual(await messagesOf(response), [
    'cardDetails.cardToken must be a card token from POST /pci-proxy/tokenize',
  ]);
});

test('a CVV token the PCI proxy never issued answers 400', async () => {
  const { cardToken } = await tokenize(sandbox, '4111111111111111');
  const response = await post(sandbox, '/network-tokens', directRequest(cardToken, 'cvv_unknown'));
  assert.deepEqual(await messagesOf(response), [
    'cardDetails.cvvToken must be a CVC token from POST /pci-proxy/tokenize',
  ]);
});

test('a brand that does not match the card token answers 400', async () => {
  const { cardToken } = await tokenize(sandbox, '5555555555554444');
  const body = directRequest(cardToken);
  (body.cardDetails as Record<string, string>).brand = 'VISA';
  const response = await post(sandbox, '/network-tokens', body);
  assert.deepEqual(await messagesOf(response), [
    'cardDetails.brand must be MASTERCARD, the brand of the card token',
  ]);
});

test('an expired card answers 400', async () => {
  const { cardToken } = await tokenize(sandbox, '4111111111111111');
  const body = directRequest(cardToken);
  Object.assign(body.cardDetails as object, { expiryMonth: '01', expiryYear: '2020' });
  const response = await post(sandbox, '/network-tokens', body);
  assert.deepEqual(await messagesOf(response), [
    'cardDetails.expiryYear must not, with expiryMonth, be in the past: the card has expired',
  ]);
});

test('a direct create without cardDetails answers 400', async () => {
  const body = directRequest('x');
  delete body.cardDetails;
  const response = await post(sandbox, '/network-tokens', body);
  assert.deepEqual(await messagesOf(response), ['cardDetails is required when integrationFlow is direct']);
});

test('sandbox problems and schema problems of a direct create come in one 400', async () => {
  const body = { ...directRequest('ct_unknown'), currencyCode: 'EURO' };
  const response = await post(sandbox, '/network-tokens', body);
  assert.deepEqual(await messagesOf(response), [
    'currencyCode must be exactly 3 characters',
    'cardDetails.cardToken must be a card token from POST /pci-proxy/tokenize',
  ]);
});

test('the cardholder name is cardDetails.cardHolderName; the old holderName is refused by name', async () => {
  const { cardToken, cvvToken } = await tokenize(sandbox, '4111111111111111');
  const named = directRequest(cardToken, cvvToken);
  assert.equal((named.cardDetails as Record<string, unknown>).cardHolderName, 'Ada Lovelace');
  assert.equal((await createToken(sandbox, named)).status, 'ACTIVE');
  const { cardHolderName, ...rest } = named.cardDetails as Record<string, unknown>;
  const response = await post(sandbox, '/network-tokens', {
    ...named,
    cardDetails: { ...rest, holderName: cardHolderName },
  });
  assert.equal(response.status, 400);
  assert.deepEqual(await messagesOf(response), ['cardDetails.holderName is not allowed']);
});
