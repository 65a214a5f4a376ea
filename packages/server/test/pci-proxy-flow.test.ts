/**
 * Item 8 of issue 11, end to end over real sockets: the browser asks the merchant server for a
 * direct attempt, posts its create (card number and CVC included) to the sandbox's PCI proxy,
 * which swaps them for tokens and forwards the create to the merchant server, which creates the
 * token at SmartPay (the sandbox). The merchant server only ever sees tokens, and the forwarded
 * create proves itself with the credential issued for that attempt, never with SmartPay's keys.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import {
  type CreateTokenResponse,
  type DirectAttempt,
  directAttemptSchema,
  PCI_PROXY_HEADERS as H,
  IDEMPOTENCY_HEADER,
  MERCHANT_PATHS,
  type MerchantErrorBody,
} from '@smartpay/contract';
import { type RunningSandbox, startSandbox } from '@smartpay/sandbox';
import { createApp, createJsonLogger, loadConfig } from '../src/index.ts';
import { directBody } from './helpers/bodies.ts';
import { SERVER_KEY, waitFor } from './helpers/harness.ts';

const PAN = '4111111111111111';
const CVC = '737';
const BASIC = Buffer.from('sandbox-merchant-key:sandbox-auth-key').toString('base64');

/** Every request the merchant server received: what it could have seen of card data and keys. */
interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

let sandbox: RunningSandbox;
let merchantUrl: string;
let clock = Date.now();
const seen: Seen[] = [];
const logs: string[] = [];
const shutdown = new AbortController();
const server = createServer();

before(async () => {
  // The merchant server listens first, so the sandbox's allowlist can name exactly its create endpoint.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  merchantUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = await startSandbox({
    port: 0,
    timeScale: 0.01,
    forwardingAllowlist: [`${merchantUrl}${MERCHANT_PATHS.tokens}`],
  });
  const app = createApp({
    ...loadConfig({ SMARTPAY_BASE_URL: sandbox.url, MERCHANT_ORIGIN: merchantUrl }),
    clientSecretKey: SERVER_KEY,
    logger: createJsonLogger({ sink: (line) => logs.push(line), level: 'debug' }),
    signal: shutdown.signal,
    now: () => clock,
    watch: {
      waitingEveryMs: 20,
      afterSubmission: [{ untilMs: Infinity, everyMs: 20 }],
      jitter: 0,
      freshForMs: 10,
      idleStopMs: 30,
      heartbeatMs: 1_000,
    },
  });
  const listener = getRequestListener(async (request, env) => {
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: Object.fromEntries(request.headers),
      body: await request.clone().text(),
    });
    return app.fetch(request, env);
  });
  server.on('request', listener);
});

after(async () => {
  shutdown.abort();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sandbox.close();
});

/** The browser's first step: an attempt for one Idempotency-Key (cookies and CORS as for any create). */
async function askAttempt(key: string): Promise<DirectAttempt> {
  const response = await fetch(`${merchantUrl}${MERCHANT_PATHS.directAttempts}`, {
    method: 'POST',
    headers: { [IDEMPOTENCY_HEADER]: key, Origin: merchantUrl },
  });
  assert.equal(response.status, 201);
  return directAttemptSchema.parse(await response.json());
}

/** The browser's second step: the create, card number and CVC at the attempt's paths, to the proxy. */
function sendThroughProxy(attempt: DirectAttempt, body: unknown = browserBody()) {
  return fetch(attempt.proxyUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: merchantUrl, ...attempt.headers },
    body: JSON.stringify(body),
  });
}

function browserBody(pan = PAN) {
  const body = directBody('', '');
  return { ...body, cardDetails: { ...body.cardDetails!, cardToken: pan, cvvToken: CVC } };
}

describe('a direct create through the PCI proxy', () => {
  let attempt: DirectAttempt;
  let created: CreateTokenResponse;
  const key = `pci-proxy-${Date.now()}`;

  test('the attempt names the proxy, this server`s create endpoint, the card paths and a credential', async () => {
    attempt = await askAttempt(key);
    assert.equal(attempt.proxyUrl, `${sandbox.url}/forwarding/tokenize`);
    assert.deepEqual(
      Object.keys(attempt.headers).sort(),
      [H.authorization, H.cardPath, H.cvvPath, H.url].sort(),
    );
    assert.equal(attempt.headers[H.url], `${merchantUrl}/api/network-tokens`);
    assert.equal(attempt.headers[H.cardPath], 'cardDetails.cardToken');
    assert.equal(attempt.headers[H.cvvPath], 'cardDetails.cvvToken');
    assert.match(attempt.headers[H.authorization]!, /^Bearer ntpa_[\w-]+$/);
    assert.ok(Date.parse(attempt.expiresAt) > clock);
  });

  test('goes sandbox proxy -> merchant server -> SmartPay and answers the created token', async () => {
    const response = await sendThroughProxy(attempt);
    assert.equal(response.status, 201);
    created = (await response.json()) as CreateTokenResponse;
    assert.equal(created.status, 'ACTIVE');
    assert.match(created.clientSecret, /^ntcs_/);
    const requests = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as {
      requests: { method: string; path: string; status: number }[];
    };
    const calls = requests.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.ok(calls.includes('POST /forwarding/tokenize 201'), calls.join(', '));
    assert.ok(calls.includes('POST /network-tokens 200'), calls.join(', '));
  });

  test('the token is ACTIVE for the browser, with the card`s last four digits', async () => {
    let view: { status: string; card?: { last4: string } } | undefined;
    await waitFor(async () => {
      const response = await fetch(`${merchantUrl}/api/network-tokens/${created.tokenId}`, {
        headers: { Authorization: `Bearer ${created.clientSecret}` },
      });
      view = (await response.json()) as typeof view;
      return view?.card !== undefined;
    }, 5_000);
    assert.equal(view?.status, 'ACTIVE');
    assert.equal(view?.card?.last4, '1111');
  });

  test('the merchant server saw only tokens, and the forwarded create proved itself with the attempt`s credential', () => {
    const forwarded = seen.filter((s) => s.method === 'POST' && s.path === '/api/network-tokens');
    assert.equal(forwarded.length, 1);
    const [create] = forwarded;
    assert.equal(create?.headers.authorization, attempt.headers[H.authorization]);
    const card = (JSON.parse(create!.body) as { cardDetails: Record<string, string> }).cardDetails;
    assert.match(card.cardToken!, /^ct_/);
    assert.match(card.cvvToken!, /^cvv_/);
    for (const request of seen) {
      const everything = JSON.stringify(request);
      assert.ok(!everything.includes(PAN), `${request.method} ${request.path} carried the card number`);
      assert.doesNotMatch(JSON.stringify(JSON.parse(request.body || '{}')), /"737"/, 'nor the CVC');
      assert.doesNotMatch(everything, /sandbox-merchant-key|sandbox-auth-key/);
      assert.ok(!everything.includes(BASIC), 'nor SmartPay`s keys');
    }
    const logged = logs.join('\n');
    assert.ok(!logged.includes(PAN) && !logged.includes(attempt.headers[H.authorization]!.slice(7)));
  });

  test('sending the same attempt again replays the same token, though the proxy tokenized the card anew', async () => {
    const again = await sendThroughProxy(attempt);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(((await again.json()) as CreateTokenResponse).tokenId, created.tokenId);
    const changed = browserBody();
    const other = await sendThroughProxy(attempt, {
      ...changed,
      billingAddress: { ...changed.billingAddress, city: 'Potsdam' },
    });
    assert.equal(other.status, 422, 'the attempt is bound to its Idempotency-Key and body');
    assert.equal(((await other.json()) as MerchantErrorBody).error.code, 'idempotency_key_reused');
  });
});

describe('what the forwarded create must prove', () => {
  const refused = async (response: Response) => {
    assert.equal(response.status, 401);
    return ((await response.json()) as MerchantErrorBody).error.code;
  };

  test('an altered or made-up credential is refused, and SmartPay is not called', async () => {
    const attempt = await askAttempt(`altered-${Date.now()}`);
    const credential = attempt.headers[H.authorization]!;
    const flipped = `${credential.slice(0, -2)}${credential.at(-2) === 'A' ? 'B' : 'A'}${credential.at(-1)}`;
    for (const authorization of [flipped, 'Bearer ntpa_made-up', `Bearer ntpa_${BASIC.replace(/=+$/, '')}`]) {
      const response = await sendThroughProxy({
        ...attempt,
        headers: { ...attempt.headers, [H.authorization]: authorization },
      });
      assert.equal(await refused(response), 'invalid_direct_attempt');
    }
  });

  test('an expired credential is refused; a new attempt with the same key goes through', async () => {
    const key = `expired-${Date.now()}`;
    const stale = await askAttempt(key);
    clock += 5 * 60_000;
    assert.equal(await refused(await sendThroughProxy(stale)), 'invalid_direct_attempt');
    const fresh = await askAttempt(key);
    assert.equal((await sendThroughProxy(fresh)).status, 201);
  });

  test('a card number sent to the merchant server directly is refused: only the proxy turns it into a token', async () => {
    const attempt = await askAttempt(`direct-${Date.now()}`);
    const response = await fetch(`${merchantUrl}/api/network-tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: attempt.headers[H.authorization]! },
      body: JSON.stringify(browserBody()),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as MerchantErrorBody).error.code, 'validation_failed');
  });

  test('a card the proxy refuses never reaches the merchant server', async () => {
    const before = seen.length;
    const attempt = await askAttempt(`luhn-${Date.now()}`);
    const response = await sendThroughProxy(attempt, browserBody('4111111111111112'));
    assert.equal(response.status, 400);
    assert.deepEqual(((await response.json()) as { message: string[] }).message, [
      'cardDetails.cardToken must pass the Luhn check',
    ]);
    assert.equal(seen.length, before + 1, 'only the attempt reached the merchant server');
  });
});
