/**
 * The server-to-server API under /v1 (merchant API key, never from a browser, no CORS) and the
 * shopper's saved cards under /api/saved-cards (the session's account only).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody, SavedCardList, V1EventPage, V1Token, V1TokenPage } from '@smartpay/contract';
import { createMerchantClient, MerchantApiError } from '../src/index.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, type Harness, startHarness, waitFor } from './helpers/harness.ts';

const API_KEY = 'test-merchant-api-key-0123456789abcdef';
const ALICE = '0a7d1c3e-aaaa-4a43-9b53-4a1f0a0e8c11';
const BOB = '0a7d1c3e-bbbb-4a43-9b53-4a1f0a0e8c11';
const ACCOUNT_HEADER = 'x-test-account';

function start(overrides: Parameters<typeof startHarness>[0] = {}) {
  return startHarness({
    merchantApiKey: API_KEY,
    allowedOrigins: ['https://shop.example'],
    resolveAccount: (c) => c.req.header(ACCOUNT_HEADER) ?? ALICE,
    ...overrides,
  });
}

/** A token of `account`, ACTIVE (read in full) unless told otherwise. */
async function savedToken(harness: Harness, account: string, status: 'ACTIVE' | 'ERROR' | null = 'ACTIVE') {
  const created = await body<{ tokenId: string; clientSecret: string }>(
    await harness.create(paymentFormBody(), { headers: { [ACCOUNT_HEADER]: account } }),
  );
  if (status) {
    await harness.forceStatus(created.tokenId, status);
    await new Promise((resolve) => setTimeout(resolve, 15)); // past freshForMs
    await harness.read(created.tokenId, created.clientSecret);
    await waitFor(async () => (await harness.store.getToken(created.tokenId))?.fullView === true);
  }
  return created.tokenId;
}

const v1 = (harness: Harness, path: string, init: RequestInit & { key?: string | null } = {}) => {
  const { key = API_KEY, ...rest } = init;
  return harness.app.request(`/v1${path}`, {
    ...rest,
    headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(rest.headers as object) },
  });
};
const code = async (response: Response) => (await body<MerchantErrorBody>(response)).error.code;

describe('/v1: who may call it', () => {
  const harness = start();
  const off = start({ merchantApiKey: undefined });
  after(() => {
    harness.close();
    off.close();
  });

  test('a missing or wrong key is a 401 in the error envelope; the right key passes', async () => {
    const missing = await v1(harness, '/events', { key: null });
    assert.equal(missing.status, 401);
    assert.equal(await code(missing), 'invalid_api_key');
    const wrong = await v1(harness, '/events', { key: `${API_KEY}x` });
    assert.equal(wrong.status, 401);
    assert.equal(await code(wrong), 'invalid_api_key');
    const basic = await v1(harness, '/events', { key: null, headers: { authorization: `Basic ${API_KEY}` } });
    assert.equal(basic.status, 401);
    assert.equal((await v1(harness, '/events')).status, 200);
  });

  test('browsers are refused, even with the key, and never get a CORS header', async () => {
    for (const origin of ['https://shop.example', 'http://localhost', 'https://evil.example']) {
      const refused = await v1(harness, '/events', { headers: { origin } });
      assert.equal(refused.status, 403);
      assert.equal(await code(refused), 'browser_not_allowed');
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
      const preflight = await v1(harness, '/events', {
        method: 'OPTIONS',
        key: null,
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      assert.notEqual(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null);
    }
  });

  test('without MERCHANT_API_KEY the API is off, and says so', async () => {
    const response = await v1(off, '/events', { key: API_KEY });
    assert.equal(response.status, 401);
    const error = (await body<MerchantErrorBody>(response)).error;
    assert.equal(error.code, 'api_not_configured');
    assert.match(error.message, /MERCHANT_API_KEY/);
  });
});

describe('/v1: tokens, accounts, events', () => {
  const harness = start();
  after(() => harness.close());

  test('a token’s full view holds the network token number; unknown is 404', async () => {
    const tokenId = await savedToken(harness, ALICE);
    const view = await body<V1Token>(await v1(harness, `/network-tokens/${tokenId}`));
    assert.equal(view.tokenId, tokenId);
    assert.equal(view.accountReferenceId, ALICE);
    assert.equal(view.status, 'ACTIVE');
    assert.match(view.networkToken?.tokenNumber ?? '', /^\d{13,19}$/);
    assert.equal(view.card?.last4.length, 4);
    assert.equal(view.removedAt, null);
    const unknown = await v1(harness, '/network-tokens/nope');
    assert.equal(unknown.status, 404);
    assert.equal(await code(unknown), 'not_found');
  });

  test('an account’s list never holds another account’s tokens, and pages stably while tokens are created', async () => {
    const alice = [await savedToken(harness, ALICE, null), await savedToken(harness, ALICE, null)];
    for (let i = 0; i < 3; i++) alice.push(await savedToken(harness, ALICE, null));
    const bob = await savedToken(harness, BOB, null);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page: V1TokenPage = await body<V1TokenPage>(
        await v1(harness, `/accounts/${ALICE}/network-tokens${query}`),
      );
      seen.push(...page.data.map((token) => token.tokenId));
      assert.ok(page.data.every((token) => token.accountReferenceId === ALICE));
      cursor = page.next;
      // Created while paging: newer than the cursor, so never in a later page; nothing repeats.
      await savedToken(harness, ALICE, null);
      pages++;
    } while (cursor && pages < 20);
    assert.equal(new Set(seen).size, seen.length, 'no token twice');
    for (const tokenId of alice) assert.ok(seen.includes(tokenId), 'every token that existed is listed');
    assert.equal(seen.includes(bob), false);
    const bobs = await body<V1TokenPage>(await v1(harness, `/accounts/${BOB}/network-tokens`));
    assert.deepEqual(
      bobs.data.map((token) => token.tokenId),
      [bob],
    );
  });

  test('bad paging input is a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=abc', 'limit'],
      ['?cursor=bm90LWpzb24', 'cursor'],
    ] as const) {
      const response = await v1(harness, `/accounts/${ALICE}/network-tokens${query}`);
      assert.equal(response.status, 400, query);
      assert.equal((await body<MerchantErrorBody>(response)).error.fields?.[0]?.path, field);
    }
    const notUuid = await v1(harness, '/accounts/alice/network-tokens');
    assert.equal(notUuid.status, 400);
  });

  test('DELETE wipes the number: later reads say removed, lists leave it out', async () => {
    const tokenId = await savedToken(harness, ALICE);
    assert.equal((await v1(harness, `/network-tokens/${tokenId}`, { method: 'DELETE' })).status, 204);
    assert.equal(
      (await v1(harness, `/network-tokens/${tokenId}`, { method: 'DELETE' })).status,
      204,
      'twice',
    );
    const view = await body<V1Token>(await v1(harness, `/network-tokens/${tokenId}`));
    assert.equal(view.networkToken, null);
    assert.notEqual(view.removedAt, null);
    assert.equal((await harness.store.getToken(tokenId))?.token.networkToken?.tokenNumber, undefined);
    const list = await body<V1TokenPage>(await v1(harness, `/accounts/${ALICE}/network-tokens?limit=100`));
    assert.equal(
      list.data.some((token) => token.tokenId === tokenId),
      false,
    );
    assert.equal((await v1(harness, '/network-tokens/nope', { method: 'DELETE' })).status, 404);
  });

  test('events page in order with their attempts; redeliver; the typed client does the same', async () => {
    await savedToken(harness, BOB, 'ERROR');
    const first = await body<V1EventPage>(await v1(harness, '/events?limit=3'));
    assert.equal(first.data.length, 3);
    assert.ok(first.next);
    const rest = await body<V1EventPage>(await v1(harness, `/events?limit=100&cursor=${first.next}`));
    const all = [...first.data, ...rest.data].map((entry) => entry.event);
    assert.equal(new Set(all.map((event) => event.id)).size, all.length);
    assert.ok(all.some((event) => event.type === 'network_token.failed'));
    assert.equal(JSON.stringify(all).includes('tokenNumber'), false);
    const eventId = all[0]?.id as string;
    const attempts = await v1(harness, `/events/${eventId}/attempts`);
    assert.deepEqual(await body(attempts), { data: [] }, 'no endpoint configured: no attempts');
    const redelivered = await v1(harness, `/events/${eventId}/redeliver`, { method: 'POST' });
    assert.equal(redelivered.status, 202);
    assert.equal((await v1(harness, '/events/evt_nope/redeliver', { method: 'POST' })).status, 404);

    const client = createMerchantClient({
      baseUrl: 'http://merchant.test/',
      apiKey: API_KEY,
      fetch: ((input: string | URL | Request, init?: RequestInit) =>
        harness.app.fetch(new Request(input, init))) as typeof fetch,
    });
    const page = await client.listEvents({ limit: 2 });
    assert.equal(page.data[0]?.event.id, eventId);
    const tokenId = page.data[0]?.event.data.tokenId as string;
    assert.equal((await client.getToken(tokenId)).tokenId, tokenId);
    assert.equal((await client.listAccountTokens(ALICE, { limit: 1 })).data.length, 1);
    await assert.rejects(client.getToken('nope'), (error: unknown) => {
      return error instanceof MerchantApiError && error.status === 404 && error.code === 'not_found';
    });
    const wrongKey = createMerchantClient({
      baseUrl: 'http://merchant.test',
      apiKey: 'wrong',
      fetch: ((input: string | URL | Request, init?: RequestInit) =>
        harness.app.fetch(new Request(input, init))) as typeof fetch,
    });
    await assert.rejects(wrongKey.listEvents(), { code: 'invalid_api_key', status: 401 });
  });
});

describe('/api/saved-cards', () => {
  const harness = start();
  after(() => harness.close());
  const asShopper = (account: string, path = '', init: RequestInit = {}) =>
    harness.app.request(`/api/saved-cards${path}`, {
      ...init,
      headers: { [ACCOUNT_HEADER]: account, ...(init.headers as object) },
    });

  test('the session’s ACTIVE cards, newest first, public view only; never another account’s', async () => {
    const older = await savedToken(harness, ALICE);
    const newer = await savedToken(harness, ALICE);
    await savedToken(harness, ALICE, 'ERROR');
    await savedToken(harness, ALICE, null);
    const bobs = await savedToken(harness, BOB);
    const list = await body<SavedCardList>(await asShopper(ALICE));
    assert.deepEqual(
      list.data.map((card) => card.tokenId),
      [newer, older],
    );
    assert.deepEqual(Object.keys(list.data[0] ?? {}).sort(), ['card', 'createdAt', 'tokenId']);
    assert.deepEqual(Object.keys(list.data[0]?.card ?? {}).sort(), [
      'brand',
      'expiryMonth',
      'expiryYear',
      'last4',
    ]);
    assert.equal(JSON.stringify(list).includes('tokenNumber'), false);
    assert.deepEqual(
      (await body<SavedCardList>(await asShopper(BOB))).data.map((card) => card.tokenId),
      [bobs],
    );
    const stranger = '0a7d1c3e-cccc-4a43-9b53-4a1f0a0e8c11';
    assert.deepEqual(await body(await asShopper(stranger)), { data: [] });
  });

  test('DELETE removes one of the session’s cards (204); another account’s is 404 and stays', async () => {
    const alices = await savedToken(harness, ALICE);
    const bobs = await savedToken(harness, BOB);
    const foreign = await asShopper(ALICE, `/${bobs}`, { method: 'DELETE' });
    assert.equal(foreign.status, 404);
    assert.equal(await code(foreign), 'not_found');
    assert.ok((await harness.store.getToken(bobs))?.token.networkToken?.tokenNumber, 'untouched');
    assert.equal((await asShopper(ALICE, `/${alices}`, { method: 'DELETE' })).status, 204);
    assert.equal((await asShopper(ALICE, `/${alices}`, { method: 'DELETE' })).status, 404, 'already gone');
    const list = await body<SavedCardList>(await asShopper(ALICE));
    assert.equal(
      list.data.some((card) => card.tokenId === alices),
      false,
    );
  });

  test('CORS: the allowlist may DELETE; other origins get no CORS headers', async () => {
    const preflight = (origin: string) =>
      harness.app.request('/api/saved-cards/x', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'DELETE' },
      });
    const allowed = await preflight('https://shop.example');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    const evil = await preflight('https://evil.example');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });
});

describe('/v1/events after the retention sweep', () => {
  const harness = start();
  after(() => harness.close());

  test('a cursor on a deleted event still pages on; a deleted event is 404', async () => {
    await savedToken(harness, BOB, 'ERROR');
    const first = await body<V1EventPage>(await v1(harness, '/events?limit=1'));
    const [deleted] = first.data.map((entry) => entry.event.id);
    assert.ok(first.next && deleted);
    // No endpoint is configured, so every event is final: a sweep 31 days on takes them all.
    const later = Date.now() + 31 * 24 * 60 * 60_000;
    assert.ok((await harness.store.sweep(later, 1_000)).webhookEvents >= 2);
    const tokenId = await savedToken(harness, BOB, null);
    for (const query of [`?cursor=${first.next}`, '']) {
      const page = await body<V1EventPage>(await v1(harness, `/events${query}`));
      assert.deepEqual(
        page.data.map((entry) => [entry.event.type, entry.event.data.tokenId]),
        [['network_token.created', tokenId]],
        `GET /v1/events${query}`,
      );
    }
    assert.equal((await v1(harness, `/events/${deleted}`)).status, 404);
  });
});
