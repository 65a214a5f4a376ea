import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, describe, test } from 'node:test';
import { PCI_PROXY_HEADERS as H } from '@smartpay/contract';
import { createSandbox, SANDBOX_VERSION } from '../src/index.ts';
import {
  apiHeaders,
  createToken,
  directRequest,
  getToken,
  messagesOf,
  post,
  readToken,
  submitCard,
  tokenize,
} from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());
afterEach(() => sandbox.fetch('/_sandbox/reset', { method: 'POST' }));

const requestLog = async () => (await (await sandbox.fetch('/_sandbox/requests')).json()).requests;
const force = (tokenId: string, status: unknown) =>
  sandbox.fetch(`/_sandbox/tokens/${tokenId}/status`, { method: 'POST', body: JSON.stringify({ status }) });

describe('request log', () => {
  test('lists method, path, status, duration and time of each request, oldest first', async () => {
    const { tokenId } = await createToken(sandbox);
    await getToken(sandbox, tokenId);
    const requests = await requestLog();
    assert.deepEqual(
      requests.map((r: Record<string, unknown>) => Object.keys(r)),
      [
        ['id', 'method', 'path', 'status', 'durationMs', 'time'],
        ['id', 'method', 'path', 'status', 'durationMs', 'time'],
      ],
    );
    assert.deepEqual(
      requests.map((r: Record<string, unknown>) => [r.method, r.path, r.status]),
      [
        ['POST', '/network-tokens', 200],
        ['GET', `/network-tokens/${tokenId}`, 200],
      ],
    );
    assert.ok(requests[0].id < requests[1].id);
    assert.equal(typeof requests[0].durationMs, 'number');
    assert.equal(new Date(requests[0].time).toISOString(), requests[0].time);
  });

  test('never holds an Authorization value, a card number or a CVC', async () => {
    const { tokenId } = await createToken(sandbox);
    await submitCard(sandbox, tokenId, '4111 1111 1111 1111', { cvc: '737' });
    // Through the PCI proxy to a closed port: the card is tokenized, the forward fails (502).
    await sandbox.fetch('/forwarding/tokenize', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [H.url]: 'http://127.0.0.1:9/api/network-tokens',
        [H.authorization]: 'Bearer x',
        [H.cardPath]: 'card',
        [H.cvvPath]: 'cvv',
      },
      body: JSON.stringify({ card: '5555555555554444', cvv: '989' }),
    });
    await sandbox.fetch('/network-tokens/4111111111111111', { headers: apiHeaders() });
    await sandbox.fetch('/sdk/card-form/4000-0000-0000-0002/card', { method: 'POST' });
    // Paths are all a log entry could leak through; the random tokenId is taken out so it cannot match by chance.
    const text = (await requestLog())
      .map((r: { path: string }) => r.path.replace(tokenId, 'TOKEN'))
      .join(' ');
    for (const secret of [
      'Basic',
      apiHeaders().Authorization!,
      '4111',
      '5555555555554444',
      '737',
      '989',
      '0002',
    ]) {
      assert.equal(text.includes(secret), false, `the log holds ${secret}: ${text}`);
    }
    assert.match(text, /\/network-tokens\/\[redacted\]/);
  });

  test('records the fault a request got', async () => {
    await sandbox.fetch('/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/healthz', kind: 'status', status: 502 }),
    });
    await sandbox.fetch('/healthz');
    const [entry] = await requestLog();
    assert.deepEqual([entry.status, entry.fault], [502, 'status']);
  });

  test('leaves out the control API itself', async () => {
    await sandbox.fetch('/_sandbox/faults');
    await sandbox.fetch('/_sandbox/tokens');
    assert.deepEqual(await requestLog(), []);
  });

  test('DELETE /_sandbox/requests clears it', async () => {
    await sandbox.fetch('/healthz');
    assert.equal((await sandbox.fetch('/_sandbox/requests', { method: 'DELETE' })).status, 204);
    assert.deepEqual(await requestLog(), []);
  });
});

describe('forced transitions', () => {
  test('ACTIVE gives a token without a card a test Visa and a network token', async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await force(tokenId, 'ACTIVE');
    assert.equal(response.status, 200);
    const forced = await response.json();
    assert.equal(forced.status, 'ACTIVE');
    assert.equal(forced.tokenizedCardData.brand, 'VISA');
    assert.equal(forced.tokenizedCardData.last4Digits, '1111');
    assert.match(forced.networkToken.tokenNumber, /^4\d{15}$/);
    assert.deepEqual(await readToken(sandbox, tokenId), forced);
  });

  test('ACTIVE keeps the card the token already has', async () => {
    const { tokenId } = await createToken(sandbox);
    await submitCard(sandbox, tokenId, '5105105105105100');
    const forced = await (await force(tokenId, 'ACTIVE')).json();
    assert.equal(forced.tokenizedCardData.last4Digits, '5100');
  });

  test('ERROR ends a token at once', async () => {
    const { tokenId } = await createToken(sandbox);
    assert.equal((await (await force(tokenId, 'ERROR')).json()).status, 'ERROR');
    const { tokens } = await (await sandbox.fetch('/_sandbox/tokens')).json();
    assert.equal(tokens[0].errorReason, 'forced');
  });

  test('PENDING_PAYMENT_FORM reopens the form of a final token', async () => {
    const { cardToken } = await tokenize(sandbox, '4000000000000002');
    const { tokenId } = await createToken(sandbox, directRequest(cardToken));
    await force(tokenId, 'PENDING_PAYMENT_FORM');
    const reply = await (await submitCard(sandbox, tokenId, '4111111111111111')).json();
    assert.deepEqual(reply, { next: 'provisioning' });
  });

  test('PROVISIONING holds: no timer moves the token on', async () => {
    const fast = createSandbox({ timeScale: 0.001 });
    const { tokenId } = await createToken(fast);
    await submitCard(fast, tokenId, '4111111111111111');
    const forced = await fast.fetch(`/_sandbox/tokens/${tokenId}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'PROVISIONING' }),
    });
    assert.equal((await forced.json()).status, 'PROVISIONING');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal((await readToken(fast, tokenId)).status, 'PROVISIONING');
    fast.close();
  });

  test('an unknown status answers 400, an unknown token 404', async () => {
    const { tokenId } = await createToken(sandbox);
    assert.deepEqual(await messagesOf(await force(tokenId, 'SUSPENDED')), [
      'status must be one of: PENDING_PAYMENT_FORM, PROVISIONING, ACTIVE, ERROR',
    ]);
    assert.equal((await force('3fa85f64-5717-4562-b3fc-2c963f66afa6', 'ACTIVE')).status, 404);
  });
});

describe('reset and tokens', () => {
  test('POST /_sandbox/reset forgets every token, card token, fault and logged request', async () => {
    const { tokenId } = await createToken(sandbox);
    const { cardToken } = await tokenize(sandbox, '4111111111111111');
    await sandbox.fetch('/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/x', kind: 'reset' }),
    });
    assert.equal((await sandbox.fetch('/_sandbox/reset', { method: 'POST' })).status, 204);
    assert.equal((await getToken(sandbox, tokenId)).status, 404);
    const direct = await post(sandbox, '/network-tokens', directRequest(cardToken));
    assert.equal(direct.status, 400, 'the card token is forgotten');
    assert.deepEqual((await (await sandbox.fetch('/_sandbox/faults')).json()).faults, []);
    const requests = await requestLog();
    assert.deepEqual(
      requests.map((r: { path: string }) => r.path),
      [`/network-tokens/${tokenId}`, '/network-tokens'],
      'only the requests after the reset',
    );
  });

  test('GET /_sandbox/tokens lists tokens with status, card brand and last 4 digits', async () => {
    const { cardToken } = await tokenize(sandbox, '5555555555554444');
    const { tokenId } = await createToken(sandbox, directRequest(cardToken));
    const { tokens } = await (await sandbox.fetch('/_sandbox/tokens')).json();
    assert.deepEqual(
      tokens.map((t: Record<string, unknown>) => [t.tokenId, t.status, t.integrationFlow, t.card]),
      [[tokenId, 'ACTIVE', 'direct', { brand: 'MASTERCARD', last4: '4444' }]],
    );
  });
});

describe('every response says it comes from the sandbox', () => {
  const requests: [string, string, RequestInit?][] = [
    ['a create', '/network-tokens', { method: 'POST', headers: apiHeaders(), body: '{}' }],
    ['a 401', '/network-tokens', { method: 'POST' }],
    ['an unknown path', '/nowhere'],
    ['the health check', '/healthz'],
    ['the SDK', '/sdk/smp-bundle.js'],
    ['the hosted form', '/sdk/card-form?tokenId=x&parentOrigin=https%3A%2F%2Fshop.example'],
    [
      'a CORS preflight',
      '/forwarding/tokenize',
      {
        method: 'OPTIONS',
        headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'POST' },
      },
    ],
    ['the control API', '/_sandbox/requests'],
  ];
  for (const [what, path, init] of requests) {
    test(`${what} carries SmartPay-Sandbox: <version>`, async () => {
      const response = await sandbox.fetch(path, init);
      assert.equal(response.headers.get('smartpay-sandbox'), SANDBOX_VERSION);
    });
  }

  test('the version in the header is the package version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(SANDBOX_VERSION, version);
  });

  test('GET /healthz answers 200', async () => {
    const response = await sandbox.fetch('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });
});
