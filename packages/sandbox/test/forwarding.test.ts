/**
 * SmartPay's PCI proxy: POST /forwarding/tokenize swaps the card number and CVV at the paths the
 * X-Pcp-*-Path headers name for permanent tokens, forwards the body to an allowlisted X-Pcp-Url
 * with X-Pcp-Authorization as its Authorization, and answers what the target answered.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { CARD_DETAILS_FIELDS, checkLeaf, PCI_PROXY_HEADERS as H } from '@smartpay/contract';
import { basicAuthorization, createSandbox } from '../src/index.ts';
import { directRequest, messagesOf } from './support/api.ts';

interface Forwarded {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A target that records what it was sent and answers like a merchant server's create. */
function recordingTarget() {
  const received: Forwarded[] = [];
  const fetch: typeof globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    received.push({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: (await request.json()) as Record<string, unknown>,
    });
    return Response.json(
      { tokenId: 't-1', status: 'ACTIVE', clientSecret: 'ntcs_x', createdAt: '2030-01-01T00:00:00Z' },
      {
        status: 201,
        headers: { 'X-Request-Id': 'req-1', 'Set-Cookie': 'session=secret', 'X-Internal': 'no' },
      },
    );
  }) as typeof globalThis.fetch;
  return { received, fetch };
}

const target = recordingTarget();
const sandbox = createSandbox({
  forwardFetch: target.fetch,
  forwardingAllowlist: ['http://shop.test/api/network-tokens'],
});
after(() => sandbox.close());

/** A direct create body as the browser sends it: the card number and CVC where the tokens go. */
function browserBody(pan = '4111 1111 1111 1111', cvv = '737') {
  const body = directRequest('', '');
  const cardDetails = body.cardDetails as Record<string, unknown>;
  return { ...body, cardDetails: { ...cardDetails, cardToken: pan, cvvToken: cvv } };
}

const proxyHeaders = (overrides: Record<string, string | undefined> = {}) => {
  const headers: Record<string, string | undefined> = {
    'Content-Type': 'application/json',
    [H.url]: 'http://shop.test/api/network-tokens',
    [H.authorization]: 'Bearer ntpa_attempt-credential',
    [H.cardPath]: 'cardDetails.cardToken',
    [H.cvvPath]: 'cardDetails.cvvToken',
    Origin: 'https://shop.example',
    Cookie: 'smartpay_session=abc',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
};

const viaProxy = (body: unknown, headers = proxyHeaders()) =>
  sandbox.fetch('/forwarding/tokenize', { method: 'POST', headers, body: JSON.stringify(body) });

describe('forwarding', () => {
  test('the card number and CVV become tokens; the target gets them with X-Pcp-Authorization, and its answer comes back', async () => {
    const before = target.received.length;
    const response = await viaProxy(browserBody());
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), {
      tokenId: 't-1',
      status: 'ACTIVE',
      clientSecret: 'ntcs_x',
      createdAt: '2030-01-01T00:00:00Z',
    });
    assert.equal(response.headers.get('x-request-id'), 'req-1');
    assert.equal(response.headers.get('set-cookie'), null, 'the target`s cookies stay with the proxy');
    assert.equal(response.headers.get('x-internal'), null);

    const forwarded = target.received[before]!;
    assert.equal(forwarded.url, 'http://shop.test/api/network-tokens');
    assert.equal(forwarded.headers.authorization, 'Bearer ntpa_attempt-credential');
    assert.equal(forwarded.headers['content-type'], 'application/json');
    for (const name of Object.keys(forwarded.headers)) assert.doesNotMatch(name, /^x-pcp-|^cookie$/);
    const card = forwarded.body.cardDetails as Record<string, string>;
    assert.match(card.cardToken!, /^ct_[0-9a-f]{24}$/);
    assert.match(card.cvvToken!, /^cvv_[0-9a-f]{12}$/);
    assert.equal(
      checkLeaf(CARD_DETAILS_FIELDS.cardToken, card.cardToken!),
      undefined,
      'within the API page`s limits',
    );
    assert.equal(checkLeaf(CARD_DETAILS_FIELDS.cvvToken, card.cvvToken!), undefined);
    const text = JSON.stringify(forwarded);
    assert.doesNotMatch(text, /4111|737/, 'neither the card number nor the CVC is forwarded');
    assert.deepEqual(
      { ...forwarded.body, cardDetails: undefined },
      { ...browserBody(), cardDetails: undefined },
      'everything else is forwarded as sent',
    );
  });

  test('the same card sent twice gets two different tokens', async () => {
    const before = target.received.length;
    await viaProxy(browserBody());
    await viaProxy(browserBody());
    const [a, b] = target.received.slice(before).map((f) => f.body.cardDetails as Record<string, string>);
    assert.notEqual(a!.cardToken, b!.cardToken);
    assert.notEqual(a!.cvvToken, b!.cvvToken);
  });

  test('without the CVV path header only the card number is replaced', async () => {
    const before = target.received.length;
    const { cardDetails, ...rest } = browserBody();
    const { cvvToken: _, ...card } = cardDetails;
    const response = await viaProxy({ ...rest, cardDetails: card }, proxyHeaders({ [H.cvvPath]: undefined }));
    assert.equal(response.status, 201);
    const forwarded = target.received[before]!.body.cardDetails as Record<string, string>;
    assert.equal('cvvToken' in forwarded, false);
  });

  test('a target outside the allowlist is refused with 403 before the card is looked at, and nothing is forwarded', async () => {
    const before = target.received.length;
    for (const url of [
      'https://evil.example/collect',
      'http://shop.test/api/other',
      'http://shop.test:8080/api/network-tokens',
    ]) {
      const response = await viaProxy(browserBody(), proxyHeaders({ [H.url]: url }));
      assert.equal(response.status, 403, url);
      assert.equal(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code, 'forbidden');
    }
    assert.equal(target.received.length, before);
  });

  test('missing or malformed headers are named in one 400', async () => {
    const response = await viaProxy(
      browserBody(),
      proxyHeaders({
        [H.url]: undefined,
        [H.authorization]: undefined,
        [H.cardPath]: 'a..b',
        [H.cvvPath]: '__proto__.x',
      }),
    );
    assert.equal(response.status, 400);
    assert.deepEqual(await messagesOf(response), [
      'X-Pcp-Url is required',
      'X-Pcp-Authorization is required',
      'X-Pcp-Cc-Path must be a dotted JSON path such as cardDetails.cardToken',
      'X-Pcp-Cvv-Path must be a dotted JSON path such as cardDetails.cvvToken',
    ]);
    const credentials = await viaProxy(
      browserBody(),
      proxyHeaders({ [H.url]: 'http://user:pw@shop.test/api/network-tokens' }),
    );
    assert.deepEqual(await messagesOf(credentials), [
      'X-Pcp-Url must be an absolute http(s) URL without credentials',
    ]);
  });

  test('a bad card number or CVC is refused naming its path, never echoing it, and nothing is forwarded', async () => {
    const before = target.received.length;
    const luhn = await viaProxy(browserBody('4111 1111 1111 1112', '12'));
    assert.equal(luhn.status, 400);
    const text = await luhn.text();
    assert.deepEqual(JSON.parse(text).message, [
      'cardDetails.cardToken must pass the Luhn check',
      'cardDetails.cvvToken must be 3 digits',
    ]);
    assert.doesNotMatch(text, /4111/);
    const missing = await viaProxy({ integrationFlow: 'direct' });
    assert.deepEqual(await messagesOf(missing), [
      'cardDetails.cardToken is required',
      'cardDetails.cvvToken is required',
    ]);
    assert.equal(target.received.length, before);
  });

  test('browsers may call it from any origin: the preflight allows the X-Pcp headers', async () => {
    const preflight = await sandbox.fetch('/forwarding/tokenize', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'content-type,x-pcp-url,x-pcp-authorization,x-pcp-cc-path,x-pcp-cvv-path',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    for (const name of Object.values(H)) {
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', new RegExp(name, 'i'));
    }
    const response = await viaProxy(browserBody());
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/i);
  });

  test('the request log holds the path and status only', async () => {
    await viaProxy(browserBody('5555 5555 5555 4444', '321'));
    const { requests } = (await (await sandbox.fetch('/_sandbox/requests')).json()) as {
      requests: Record<string, unknown>[];
    };
    assert.ok(requests.some((r) => r.path === '/forwarding/tokenize'));
    for (const request of requests) {
      assert.deepEqual(Object.keys(request).sort(), ['durationMs', 'id', 'method', 'path', 'status', 'time']);
    }
    assert.doesNotMatch(JSON.stringify(requests), /5555|ntpa_/);
  });
});

describe('forwarding to SmartPay itself, as its API pages document it', () => {
  test('a direct create with the card number through the proxy is ACTIVE, with the card`s last four digits', async () => {
    // One sandbox is both the proxy and the API (one vault), as at SmartPay.
    let self: ReturnType<typeof createSandbox> | undefined;
    const smartpay = createSandbox({
      forwardFetch: (input, init) => self!.fetch(input, init),
      forwardingAllowlist: ['https://smartpay.test/network-tokens'],
    });
    self = smartpay;
    after(() => smartpay.close());
    const response = await smartpay.fetch('/forwarding/tokenize', {
      method: 'POST',
      headers: proxyHeaders({
        [H.url]: 'https://smartpay.test/network-tokens',
        [H.authorization]: basicAuthorization(),
        'Accept-Language': 'en-US',
        'User-Agent': 'merchant-backend/1.0',
      }),
      body: JSON.stringify(browserBody('5555 5555 5555 4444')),
    });
    assert.equal(response.status, 200);
    const created = (await response.json()) as { tokenId: string; status: string };
    assert.equal(created.status, 'ACTIVE');
    const tokens = (await (await smartpay.fetch('/_sandbox/tokens')).json()) as {
      tokens: { tokenId: string; card?: { last4: string; brand: string } }[];
    };
    assert.deepEqual(tokens.tokens.find((t) => t.tokenId === created.tokenId)?.card, {
      brand: 'MASTERCARD',
      last4: '4444',
    });
  });
});
