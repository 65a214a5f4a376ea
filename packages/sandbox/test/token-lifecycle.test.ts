/**
 * The token state machine, on a mocked clock: each transition happens exactly when the test-card
 * table says, times the time scale, and never a millisecond earlier.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { networkTokenSchema } from '@smartpay/contract';
import { passesLuhn } from '@smartpay/contract/core';
import { createSandbox, type Sandbox, TEST_CARDS } from '../src/index.ts';
import { answerChallenge, createToken, getToken, readToken, submitCard } from './support/api.ts';

const START = Date.parse('2026-03-01T10:00:00.000Z');
const MINUTE = 60_000;
let sandbox: Sandbox;

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: START });
  sandbox = createSandbox();
});
afterEach(() => {
  sandbox.close();
  mock.timers.reset();
});

async function statusOf(tokenId: string) {
  return (await readToken(sandbox, tokenId)).status;
}

/** A payment-form token whose card was accepted in the hosted form. */
async function provisioning(number: string) {
  const { tokenId } = await createToken(sandbox);
  const response = await submitCard(sandbox, tokenId, number);
  assert.deepEqual(await response.json(), { next: 'provisioning' });
  return tokenId;
}

/** The test-card table of architecture.md, transcribed by hand so a wrong row in src/cards fails. */
const TABLE: [number: string, status: 'ACTIVE' | 'ERROR', afterMs: number, brand?: string][] = [
  ['4111111111111111', 'ACTIVE', 1000, 'VISA'],
  ['5555555555554444', 'ACTIVE', 3000, 'MASTERCARD'],
  ['4000000000000002', 'ERROR', 1000],
  ['4000000000000069', 'ERROR', 1000],
  ['5105105105105100', 'ACTIVE', 60_000, 'MASTERCARD'],
];

describe('outcome of each test card after it is accepted in the hosted form', () => {
  for (const [number, status, afterMs, brand] of TABLE) {
    test(`${number}: ${status} after ${afterMs / 1000} s`, async () => {
      const tokenId = await provisioning(number);
      assert.equal(await statusOf(tokenId), 'PROVISIONING');
      mock.timers.tick(afterMs - 1);
      assert.equal(await statusOf(tokenId), 'PROVISIONING');
      mock.timers.tick(1);
      const token = await readToken(sandbox, tokenId);
      assert.equal(token.status, status);
      assert.equal(token.tokenizedCardData?.brand, brand);
    });
  }

  test('every row of the sandbox table is in the transcription above or tested on its own below', () => {
    const covered = [...TABLE.map(([number]) => number), '4000000000003220', '4000000000000119'];
    assert.deepEqual(TEST_CARDS.map((card) => card.number).sort(), covered.sort());
  });

  test('any other Luhn-valid Mastercard (2-series) is ACTIVE after 1 s', async () => {
    const tokenId = await provisioning('2223 0031 2200 3222');
    mock.timers.tick(999);
    assert.equal(await statusOf(tokenId), 'PROVISIONING');
    mock.timers.tick(1);
    const token = await readToken(sandbox, tokenId);
    assert.equal(token.status, 'ACTIVE');
    assert.equal(token.tokenizedCardData?.brand, 'MASTERCARD');
  });
});

describe('state machine', () => {
  test('updatedAt moves with each transition and createdAt does not', async () => {
    const created = await createToken(sandbox);
    mock.timers.tick(5000);
    await submitCard(sandbox, created.tokenId, '4111111111111111');
    const provisioning = await readToken(sandbox, created.tokenId);
    assert.equal(provisioning.updatedAt, new Date(START + 5000).toISOString());
    mock.timers.tick(1000);
    const active = await readToken(sandbox, created.tokenId);
    assert.equal(active.createdAt, created.createdAt);
    assert.equal(active.updatedAt, new Date(START + 6000).toISOString());
  });

  test('an ACTIVE token carries a Luhn-valid token number of its brand with its own expiry', async () => {
    const tokenId = await provisioning('5555555555554444');
    mock.timers.tick(3000);
    const token = networkTokenSchema.parse(await readToken(sandbox, tokenId));
    const { networkToken, tokenizedCardData } = token;
    assert.ok(networkToken && tokenizedCardData);
    assert.match(networkToken.tokenNumber!, /^5[1-5]\d{14}$/);
    assert.ok(passesLuhn(networkToken.tokenNumber!));
    assert.notEqual(networkToken.tokenNumber, '5555555555554444');
    assert.match(networkToken.extIdentifier!, /^[0-9a-f-]{36}$/);
    assert.deepEqual([networkToken.tokenExpiryMonth, networkToken.tokenExpiryYear], ['03', '29']);
    assert.deepEqual(
      { ...tokenizedCardData, accountHolderReferenceId: undefined },
      {
        accountHolderReferenceId: undefined,
        expiryMonth: '12',
        expiryYear: '30',
        brand: 'MASTERCARD',
        last4Digits: '4444',
      },
    );
    assert.match(token.tokenReferenceIdentifier!, /^[0-9a-f-]{36}$/);
  });

  test('a Visa token number starts with 4', async () => {
    const tokenId = await provisioning('4111111111111111');
    mock.timers.tick(1000);
    const { networkToken } = await readToken(sandbox, tokenId);
    assert.match(networkToken!.tokenNumber!, /^4\d{15}$/);
    assert.ok(passesLuhn(networkToken!.tokenNumber!));
  });

  test('PROVISIONING and ERROR tokens carry no network token or card data', async () => {
    const declined = await provisioning('4000000000000002');
    for (const status of ['PROVISIONING', 'ERROR']) {
      const token = await readToken(sandbox, declined);
      assert.equal(token.status, status);
      assert.equal(
        'networkToken' in token || 'tokenizedCardData' in token || 'tokenReferenceIdentifier' in token,
        false,
      );
      mock.timers.tick(1000);
    }
  });

  test('a token left in PENDING_PAYMENT_FORM for 30 minutes goes to ERROR', async () => {
    const { tokenId } = await createToken(sandbox);
    mock.timers.tick(30 * MINUTE - 1);
    assert.equal(await statusOf(tokenId), 'PENDING_PAYMENT_FORM');
    mock.timers.tick(1);
    const token = await readToken(sandbox, tokenId);
    assert.equal(token.status, 'ERROR');
    assert.equal(token.updatedAt, new Date(START + 30 * MINUTE).toISOString());
  });

  test('a card accepted before the 30 minutes are up is not expired', async () => {
    const { tokenId } = await createToken(sandbox);
    mock.timers.tick(29 * MINUTE);
    await submitCard(sandbox, tokenId, '5105105105105100');
    mock.timers.tick(MINUTE);
    assert.equal(await statusOf(tokenId), 'ACTIVE');
  });

  test('an expired token refuses a card with ERROR_CHECKOUT_TIMEOUT', async () => {
    const { tokenId } = await createToken(sandbox);
    mock.timers.tick(30 * MINUTE);
    const response = await submitCard(sandbox, tokenId, '4111111111111111');
    assert.equal(response.status, 410);
    assert.equal((await response.json()).code, 'ERROR_CHECKOUT_TIMEOUT');
  });

  test('a token that already has its card refuses a second one with ERR_CONFIG', async () => {
    const tokenId = await provisioning('4111111111111111');
    const response = await submitCard(sandbox, tokenId, '5555555555554444');
    assert.equal(response.status, 409);
    assert.equal((await response.json()).code, 'ERR_CONFIG');
    mock.timers.tick(1000);
    assert.equal((await readToken(sandbox, tokenId)).tokenizedCardData?.last4Digits, '1111');
  });

  test('the failing-reads card answers 500 to the next 3 status reads, then ACTIVE', async () => {
    const tokenId = await provisioning('4000000000000119');
    mock.timers.tick(1000);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await getToken(sandbox, tokenId)).status);
    assert.deepEqual(statuses, [500, 500, 500, 200]);
    assert.equal(await statusOf(tokenId), 'ACTIVE');
  });

  test('the time scale multiplies every delay', async () => {
    sandbox.close();
    sandbox = createSandbox({ timeScale: 0.01 });
    const slow = await provisioning('5105105105105100');
    const { tokenId: pending } = await createToken(sandbox);
    mock.timers.tick(599);
    assert.equal(await statusOf(slow), 'PROVISIONING');
    mock.timers.tick(1);
    assert.equal(await statusOf(slow), 'ACTIVE');
    mock.timers.tick(30 * MINUTE * 0.01 - 600);
    assert.equal(await statusOf(pending), 'ERROR');
  });

  test('close() stops every timer: nothing moves on afterwards', async () => {
    const tokenId = await provisioning('4111111111111111');
    sandbox.close();
    mock.timers.tick(60 * MINUTE);
    assert.equal(await statusOf(tokenId), 'PROVISIONING');
  });
});

describe('3-D Secure challenge', () => {
  const CHALLENGE_CARD = '4000000000003220';

  test('the challenge card asks for a code and stays PENDING_PAYMENT_FORM meanwhile', async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await submitCard(sandbox, tokenId, CHALLENGE_CARD);
    assert.deepEqual(await response.json(), { next: 'challenge' });
    assert.equal(await statusOf(tokenId), 'PENDING_PAYMENT_FORM');
  });

  test('123456 passes: PROVISIONING, then ACTIVE after 1 s', async () => {
    const { tokenId } = await createToken(sandbox);
    await submitCard(sandbox, tokenId, CHALLENGE_CARD);
    assert.deepEqual(await (await answerChallenge(sandbox, tokenId, '123456')).json(), {
      next: 'provisioning',
    });
    assert.equal(await statusOf(tokenId), 'PROVISIONING');
    mock.timers.tick(1000);
    assert.equal(await statusOf(tokenId), 'ACTIVE');
  });

  test('any other code fails the challenge and the token is ERROR at once', async () => {
    const { tokenId } = await createToken(sandbox);
    await submitCard(sandbox, tokenId, CHALLENGE_CARD);
    const reply = await (await answerChallenge(sandbox, tokenId, '654321')).json();
    assert.equal(reply.code, 'ERROR_AUTHENTICATION_FAILED');
    assert.equal(await statusOf(tokenId), 'ERROR');
  });

  test('a challenge answer without a pending challenge is refused', async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await answerChallenge(sandbox, tokenId, '123456');
    assert.equal(response.status, 409);
    assert.equal(await statusOf(tokenId), 'PENDING_PAYMENT_FORM');
  });
});
