import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createSandbox, DEFAULT_MERCHANT, OTHER_MERCHANT } from '../src/index.ts';
import { apiHeaders, createToken, getToken, paymentFormRequest, post } from './support/api.ts';

let clock = Date.parse('2030-01-01T00:00:00Z');
const sandbox = createSandbox({ now: () => clock, accessTokenTtlSeconds: 600 });
after(() => sandbox.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function tokenRequest(body: string, headers: Record<string, string> = FORM) {
  return sandbox.fetch('/oauth2/token', { method: 'POST', headers, body });
}

async function accessToken(merchant = DEFAULT_MERCHANT): Promise<string> {
  const response = await tokenRequest(
    form({
      grant_type: 'client_credentials',
      client_id: merchant.clientId,
      client_secret: merchant.clientSecret,
    }),
  );
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('POST /oauth2/token (client credentials)', () => {
  test('the client in the form body gets {access_token, expires_in, token_type: Bearer}, not cached', async () => {
    const response = await tokenRequest(
      form({
        grant_type: 'client_credentials',
        client_id: 'sandbox-client-id',
        client_secret: 'sandbox-client-secret',
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 600);
    assert.match(String(body.access_token), /^sat_[\w-]{32}$/);
  });

  test('the client in HTTP Basic works too (RFC 6749 2.3.1)', async () => {
    const basic = Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64');
    const response = await tokenRequest(form({ grant_type: 'client_credentials' }), {
      ...FORM,
      Authorization: `Basic ${basic}`,
    });
    assert.equal(response.status, 200);
  });

  const refusals: [string, string, Record<string, string>, number, string][] = [
    [
      'a wrong secret',
      form({ grant_type: 'client_credentials', client_id: 'sandbox-client-id', client_secret: 'x' }),
      FORM,
      401,
      'invalid_client',
    ],
    ['no client', form({ grant_type: 'client_credentials' }), FORM, 401, 'invalid_client'],
    [
      'another grant',
      form({
        grant_type: 'password',
        client_id: 'sandbox-client-id',
        client_secret: 'sandbox-client-secret',
      }),
      FORM,
      400,
      'unsupported_grant_type',
    ],
    [
      'a JSON body',
      JSON.stringify({ grant_type: 'client_credentials' }),
      { 'Content-Type': 'application/json' },
      400,
      'invalid_request',
    ],
  ];
  for (const [what, body, headers, status, error] of refusals) {
    test(`${what}: ${status} ${error}`, async () => {
      const response = await tokenRequest(body, headers);
      assert.equal(response.status, status);
      assert.equal(((await response.json()) as { error: string }).error, error);
    });
  }
});

describe('Bearer on the network-token API', () => {
  test('a live access token creates and reads, as the key pair does', async () => {
    const headers = apiHeaders({ Authorization: `Bearer ${await accessToken()}` });
    const created = await post(sandbox, '/network-tokens', paymentFormRequest(), headers);
    assert.equal(created.status, 200);
    const { tokenId } = (await created.json()) as { tokenId: string };
    assert.equal((await getToken(sandbox, tokenId, headers)).status, 200);
  });

  test('a token names its merchant: another merchant`s token answers 403 on this one`s token', async () => {
    const { tokenId } = await createToken(sandbox);
    const other = apiHeaders({ Authorization: `Bearer ${await accessToken(OTHER_MERCHANT)}` });
    assert.equal((await getToken(sandbox, tokenId, other)).status, 403);
  });

  test('an expired token answers 401, and so does one the sandbox never issued', async () => {
    const token = await accessToken();
    const headers = apiHeaders({ Authorization: `Bearer ${token}` });
    clock += 599_000;
    assert.equal((await post(sandbox, '/network-tokens', paymentFormRequest(), headers)).status, 200);
    clock += 1_000;
    const expired = await post(sandbox, '/network-tokens', paymentFormRequest(), headers);
    assert.equal(expired.status, 401);
    assert.equal(((await expired.json()) as { errors: { code: string }[] }).errors[0]?.code, 'unauthorized');
    const unknown = apiHeaders({ Authorization: 'Bearer sat_never-issued' });
    assert.equal((await post(sandbox, '/network-tokens', paymentFormRequest(), unknown)).status, 401);
  });

  test('POST /_sandbox/oauth/expire expires every token issued so far', async () => {
    const headers = apiHeaders({ Authorization: `Bearer ${await accessToken()}` });
    const expire = await sandbox.fetch('/_sandbox/oauth/expire', { method: 'POST' });
    assert.equal(expire.status, 200);
    assert.equal((await post(sandbox, '/network-tokens', paymentFormRequest(), headers)).status, 401);
    const fresh = apiHeaders({ Authorization: `Bearer ${await accessToken()}` });
    assert.equal((await post(sandbox, '/network-tokens', paymentFormRequest(), fresh)).status, 200);
  });

  test('the request log holds the token endpoint`s path, never a secret or a token', async () => {
    const token = await accessToken();
    const log = JSON.stringify(await (await sandbox.fetch('/_sandbox/requests')).json());
    assert.match(log, /\/oauth2\/token/);
    assert.doesNotMatch(log, /sandbox-client-secret/);
    assert.ok(!log.includes(token));
  });
});
