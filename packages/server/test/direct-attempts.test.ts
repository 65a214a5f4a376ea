/** POST /api/network-tokens/direct-attempts and what a create forwarded by the PCI proxy may do (item 8). */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  type DirectAttempt,
  PCI_PROXY_HEADERS as H,
  IDEMPOTENCY_HEADER,
  MERCHANT_PATHS,
  type MerchantErrorBody,
} from '@smartpay/contract';
import { attemptCredentials } from '../src/tokens/direct-attempts.ts';
import { directBody, paymentFormBody } from './helpers/bodies.ts';
import { body, SERVER_KEY, startHarness } from './helpers/harness.ts';

const harness = startHarness();
after(() => harness.close());

const ask = (key: string | null, headers: Record<string, string> = {}) =>
  harness.app.request(MERCHANT_PATHS.directAttempts, {
    method: 'POST',
    headers: { ...(key === null ? {} : { [IDEMPOTENCY_HEADER]: key }), ...headers },
  });

/** The create as the PCI proxy forwards it: tokens in, the attempt's credential as Authorization, no key. */
async function forwarded(
  attempt: DirectAttempt,
  change: (body: ReturnType<typeof directBody>) => unknown = (b) => b,
) {
  const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
  return harness.create(change(directBody(cardToken, cvvToken)), {
    key: null,
    headers: { authorization: attempt.headers[H.authorization]! },
  });
}

const code = async (response: Response) => (await body<MerchantErrorBody>(response)).error.code;

describe('POST /api/network-tokens/direct-attempts', () => {
  test('needs an Idempotency-Key, as a create does', async () => {
    assert.equal(await code(await ask(null)), 'idempotency_key_missing');
    assert.equal(await code(await ask('short')), 'idempotency_key_invalid');
  });

  test('is refused where the merchant does not offer the direct flow', async () => {
    const formOnly = startHarness({ integrationFlows: ['payment-form'] });
    after(() => formOnly.close());
    const response = await formOnly.app.request(MERCHANT_PATHS.directAttempts, {
      method: 'POST',
      headers: { [IDEMPOTENCY_HEADER]: 'key-12345678' },
    });
    assert.equal(await code(response), 'flow_not_allowed');
  });

  test('binds the credential to the key and to the shopper`s session, sealed so neither can be read or changed', async () => {
    const response = await ask('bound-key-1');
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const cookie = response.headers.get('set-cookie') ?? '';
    const account = /smartpay_session=([0-9a-f-]{36})\./.exec(cookie)?.[1];
    assert.ok(account, 'the session starts here, as on a create');
    const attempt = (await response.json()) as DirectAttempt;
    const credential = attempt.headers[H.authorization]!.replace('Bearer ', '');
    assert.ok(
      !credential.includes('bound-key-1') &&
        !Buffer.from(credential.slice(5), 'base64url').toString().includes(account),
    );
    const claim = attemptCredentials(SERVER_KEY).open(credential);
    assert.equal(claim?.idempotencyKey, 'bound-key-1');
    assert.equal(claim?.accountReferenceId, account);
    assert.equal(attemptCredentials('another-server-key-0123456789abcdef').open(credential), undefined);
  });

  test('is rate-limited with creates, per browser', async () => {
    const limited = startHarness({ rateLimit: { limit: 2, windowMs: 60_000 } });
    after(() => limited.close());
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await limited.app.request(MERCHANT_PATHS.directAttempts, {
        method: 'POST',
        headers: { [IDEMPOTENCY_HEADER]: `limited-${i}-key` },
      });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [201, 201, 429]);
  });
});

describe('a create forwarded with an attempt credential', () => {
  test('is created for the attempt`s key and shopper, without cookies', async () => {
    const response = await ask('forwarded-key-1');
    const account = /smartpay_session=([0-9a-f-]{36})\./.exec(response.headers.get('set-cookie') ?? '')?.[1];
    const attempt = (await response.json()) as DirectAttempt;
    const created = await forwarded(attempt);
    assert.equal(created.status, 201);
    const { tokenId } = await body<{ tokenId: string }>(created);
    assert.equal((await harness.store.getToken(tokenId))?.accountReferenceId, account);
  });

  test('is not counted against the per-client rate limit: every shopper comes from the proxy`s address', async () => {
    const limited = startHarness({ rateLimit: { limit: 3, windowMs: 60_000 } });
    after(() => limited.close());
    const attempts: DirectAttempt[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await limited.app.request(MERCHANT_PATHS.directAttempts, {
        method: 'POST',
        headers: { [IDEMPOTENCY_HEADER]: `unlimited-${i}-key` },
      });
      attempts.push((await response.json()) as DirectAttempt);
    }
    for (const attempt of attempts) {
      const { cardToken, cvvToken } = await limited.tokenize('4111111111111111');
      const response = await limited.create(directBody(cardToken, cvvToken), {
        key: null,
        headers: { authorization: attempt.headers[H.authorization]! },
      });
      assert.equal(response.status, 201);
    }
    assert.equal(
      (await limited.create(paymentFormBody())).status,
      429,
      'the browser`s own creates still are',
    );
  });

  test('must be direct, and may not name another Idempotency-Key', async () => {
    const attempt = (await (await ask('flow-key-1')).json()) as DirectAttempt;
    const formBody = await harness.create(paymentFormBody(), {
      key: null,
      headers: { authorization: attempt.headers[H.authorization]! },
    });
    assert.equal(await code(formBody), 'validation_failed');
    const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
    const otherKey = await harness.create(directBody(cardToken, cvvToken), {
      key: 'another-key-1',
      headers: { authorization: attempt.headers[H.authorization]! },
    });
    assert.equal(await code(otherKey), 'idempotency_key_invalid');
  });

  test('a browser`s own create (legacy direct flow, cookies and its own key) is unchanged', async () => {
    const { cardToken, cvvToken } = await harness.tokenize('4111111111111111');
    assert.equal((await harness.create(directBody(cardToken, cvvToken))).status, 201);
  });
});
