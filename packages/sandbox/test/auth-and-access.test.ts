import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { traceErrorBodySchema } from '@smartpay/contract';
import { basicAuthorization, createSandbox, OTHER_MERCHANT } from '../src/index.ts';
import { apiHeaders, createToken, getToken, messagesOf, paymentFormRequest, post } from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());

const TRACE_ID = /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/;

async function traceError(response: Response) {
  return traceErrorBodySchema.parse(await response.json());
}

describe('401 unauthorized', () => {
  const cases: [string, string | undefined][] = [
    ['no Authorization', undefined],
    ['a wrong key pair', `Basic ${Buffer.from('sandbox-merchant-key:wrong').toString('base64')}`],
    ['a Bearer token', 'Bearer sandbox-auth-key'],
    ['Basic without a colon', `Basic ${Buffer.from('sandbox-merchant-key').toString('base64')}`],
  ];
  for (const [what, authorization] of cases) {
    test(`a create with ${what} answers 401 with the API page's body`, async () => {
      const response = await post(
        sandbox,
        '/network-tokens',
        paymentFormRequest(),
        apiHeaders({ Authorization: authorization }),
      );
      assert.equal(response.status, 401);
      const body = await traceError(response);
      assert.match(body.traceId, TRACE_ID);
      assert.deepEqual(body.errors, [
        { message: 'You are not authenticated to perform this request.', code: 'unauthorized' },
      ]);
    });
  }

  test('credentials are checked before anything else: no other problem is revealed', async () => {
    const response = await post(sandbox, '/network-tokens', { junk: true }, { 'Content-Type': 'text/plain' });
    assert.equal(response.status, 401);
  });

  test('a GET without credentials answers 401', async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await getToken(sandbox, tokenId, apiHeaders({ Authorization: undefined }));
    assert.equal(response.status, 401);
    assert.equal((await traceError(response)).errors[0]?.code, 'unauthorized');
  });
});

describe('403, 404 and the tokenId', () => {
  test("another merchant's token answers 403 forbidden", async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await getToken(
      sandbox,
      tokenId,
      apiHeaders({ Authorization: basicAuthorization(OTHER_MERCHANT) }),
    );
    assert.equal(response.status, 403);
    const body = await traceError(response);
    assert.match(body.traceId, TRACE_ID);
    assert.deepEqual(body.errors, [
      { message: 'You do not have permissions to perform this request.', code: 'forbidden' },
    ]);
  });

  test('the other merchant can create and read its own tokens', async () => {
    const headers = apiHeaders({ Authorization: basicAuthorization(OTHER_MERCHANT) });
    const response = await post(sandbox, '/network-tokens', paymentFormRequest(), headers);
    const created = await response.json();
    assert.equal(created.externalMerchantId, OTHER_MERCHANT.externalMerchantId);
    assert.equal((await getToken(sandbox, created.tokenId, headers)).status, 200);
  });

  test('an unknown tokenId answers 404 not_found', async () => {
    const response = await getToken(sandbox, '3fa85f64-5717-4562-b3fc-2c963f66afa6');
    assert.equal(response.status, 404);
    assert.deepEqual((await traceError(response)).errors, [
      { message: 'Resource not found.', code: 'not_found' },
    ]);
  });

  test('a tokenId that is not a UUID answers 400', async () => {
    const response = await getToken(sandbox, 'not-a-token');
    assert.equal(response.status, 400);
    assert.deepEqual(await messagesOf(response), ['tokenId must be a UUID']);
  });

  test('an unknown path answers 404 in the same shape', async () => {
    const response = await sandbox.fetch('/network-tokens/3fa85f64-5717-4562-b3fc-2c963f66afa6/cryptograms');
    assert.equal(response.status, 404);
    assert.equal((await traceError(response)).errors[0]?.code, 'not_found');
  });
});
