/**
 * One contract for every TokenStore: memory, PGlite and PostgreSQL must behave alike. The SQL
 * stores also keep the network token number sealed (read from the raw table), rotate keys, and
 * migrate once when several instances start together.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { NetworkToken } from '@smartpay/contract';
import { MemoryTokenStore, openTokenStore, type StoredToken, type TokenStore } from '../src/index.ts';
import { prepared, type SqlQueryable } from '../src/store/sql/executor.ts';
import { MIGRATIONS, migrate } from '../src/store/sql/migrate.ts';
import { openPgliteExecutor } from '../src/store/sql/pglite-executor.ts';
import {
  createPgliteDataDir,
  createTestSchema,
  TEST_KEY_A,
  TEST_KEY_B,
  type TestDataDir,
  type TestSchema,
} from './helpers/databases.ts';
import { TOKEN } from './helpers/scripted-fetch.ts';

const TOKEN_NUMBER = '4895370012003478';
const ACCOUNT = '6f1c2a56-7d5e-4a43-9b53-4a1f0a0e8c11';

const stored = (tokenId: string, status: string, extra: Partial<StoredToken> = {}): StoredToken => ({
  tokenId,
  token: { ...TOKEN, tokenId, status },
  fullView: false,
  checkedAt: 1,
  followSince: 1_000,
  ...extra,
});

const activeToken = (tokenId: string): NetworkToken => ({
  ...TOKEN,
  tokenId,
  status: 'ACTIVE',
  networkToken: {
    tokenNumber: TOKEN_NUMBER,
    tokenExpiryMonth: '12',
    tokenExpiryYear: '29',
    extIdentifier: 'ext-1',
  },
  tokenizedCardData: { brand: 'VISA', last4Digits: '1111', expiryMonth: '12', expiryYear: '29' },
});

interface Engine {
  name: string;
  open(): Promise<TokenStore>;
  /** A second store on the same data, as another instance would have (shared engines only). */
  openAnother?(): Promise<TokenStore>;
  /** Every row of every table as text (SQL engines). */
  rawRows?(): Promise<string>;
  cleanUp(): Promise<void>;
}

function memoryEngine(): Engine {
  return { name: 'memory', open: async () => new MemoryTokenStore(), cleanUp: async () => {} };
}

function pgliteEngine(): Engine {
  let dir: TestDataDir | undefined;
  let store: TokenStore | undefined;
  return {
    name: 'PGlite',
    async open() {
      dir ??= await createPgliteDataDir();
      store = await openTokenStore({ dataDir: dir.path, tokenEncryptionKeys: TEST_KEY_A });
      return store;
    },
    async rawRows() {
      // PGlite has one connection, held by the store: read through it.
      const executor = (store as unknown as { executor: { query(sql: string): Promise<unknown[]> } })
        .executor;
      return JSON.stringify(await executor.query(RAW_ROWS));
    },
    async cleanUp() {
      await store?.close();
      dir?.remove();
    },
  };
}

function postgresEngine(): Engine {
  let schema: TestSchema | undefined;
  const opened: TokenStore[] = [];
  const open = async () => {
    schema ??= await createTestSchema();
    const store = await openTokenStore({
      dataDir: '/nonexistent',
      databaseUrl: schema.url,
      tokenEncryptionKeys: TEST_KEY_A,
    });
    opened.push(store);
    return store;
  };
  return {
    name: 'PostgreSQL',
    open,
    openAnother: open,
    async rawRows() {
      return JSON.stringify(await (schema as TestSchema).query(RAW_ROWS));
    },
    async cleanUp() {
      for (const store of opened) await store.close();
      await schema?.drop();
    },
  };
}

/** Every column of every row of the tables that hold token data, bytea shown as hex and as text. */
const RAW_ROWS = `SELECT json_build_object(
  'tokens', (SELECT json_agg(t) FROM tokens t),
  'bytes', (SELECT json_agg(encode(token_number_sealed, 'escape') || encode(token_number_iv, 'escape')) FROM tokens),
  'keys', (SELECT json_agg(k) FROM idempotency_keys k),
  'intents', (SELECT json_agg(i) FROM create_intents i),
  'events', (SELECT json_agg(e) FROM webhook_events e)) AS everything`;

for (const engine of [memoryEngine(), pgliteEngine(), postgresEngine()]) {
  describe(`TokenStore contract: ${engine.name}`, { timeout: 120_000 }, () => {
    let store: TokenStore;
    before(async () => {
      store = await engine.open();
    });
    after(() => engine.cleanUp());

    const claim = (key: string, now: number, owner = 'a', fingerprint = 'f', leaseMs = 100) =>
      store.claimIdempotencyKey(key, fingerprint, { now, ttlMs: 10_000, owner, leaseMs });
    const intent = (owner: string, now: number) => ({
      owner,
      accountReferenceId: ACCOUNT,
      integrationFlow: 'payment-form' as const,
      now,
    });

    test('claims under concurrency: exactly one of 30 wins', async () => {
      const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => claim('race', 0, `o${i}`)));
      assert.equal(claims.filter((c) => c.state === 'claimed').length, 1);
      assert.equal(claims.filter((c) => c.state === 'pending').length, 29);
    });

    test('another body is a mismatch; an outcome is replayed; an expired key is claimed anew', async () => {
      assert.deepEqual(await claim('k1', 0), { state: 'claimed' });
      assert.deepEqual(await claim('k1', 1, 'b', 'g'), { state: 'mismatch' });
      const outcome = {
        kind: 'created',
        tokenId: 'tok-k1',
        status: 'PENDING_PAYMENT_FORM',
        createdAt: 'c',
      } as const;
      await store.completeIdempotencyKey('k1', outcome, {
        token: stored('tok-k1', 'PENDING_PAYMENT_FORM'),
        owner: 'a',
      });
      assert.deepEqual(await claim('k1', 2, 'b'), { state: 'done', outcome });
      assert.equal(
        (await store.getToken('tok-k1'))?.token.status,
        'PENDING_PAYMENT_FORM',
        'stored with the outcome',
      );
      assert.deepEqual(await claim('k1', 10_000, 'b', 'g'), { state: 'claimed' });
    });

    test('release frees a pending key of its owner only, never a completed one', async () => {
      await claim('k2', 0);
      await store.releaseIdempotencyKey('k2', 'someone-else');
      assert.equal((await claim('k2', 1, 'b')).state, 'pending');
      await store.releaseIdempotencyKey('k2', 'a');
      assert.equal((await claim('k2', 2, 'b')).state, 'claimed');
      await store.completeIdempotencyKey('k2', {
        kind: 'failed',
        code: 'provider_outcome_unknown',
        message: 'm',
      });
      await store.releaseIdempotencyKey('k2');
      assert.equal((await claim('k2', 3, 'c')).state, 'done');
    });

    test('lease expiry: a dead owner without an intent is taken over, and then cannot record one', async () => {
      await claim('k3', 0, 'a');
      assert.equal((await claim('k3', 50, 'b')).state, 'pending', 'the lease holds');
      assert.deepEqual(await claim('k3', 150, 'b'), { state: 'claimed' });
      assert.equal(await store.recordCreateIntent('k3', intent('a', 160)), false, 'the old owner lost it');
      assert.equal(await store.recordCreateIntent('k3', intent('b', 160)), true);
    });

    test('lease expiry: a dead owner with an intent leaves the outcome unknown, never a second create', async () => {
      await claim('k4', 0, 'a');
      assert.equal(await store.recordCreateIntent('k4', intent('a', 10)), true);
      const answer = await claim('k4', 150, 'b');
      assert.equal(answer.state, 'done');
      assert.equal(
        answer.state === 'done' && answer.outcome.kind === 'failed' && answer.outcome.code,
        'provider_outcome_unknown',
      );
      assert.equal((await claim('k4', 160, 'c')).state, 'done');
    });

    test('a claim that records its intent: a dead owner leaves the outcome unknown, a duplicate waits', async () => {
      const withIntent = (now: number, owner: string) =>
        store.claimIdempotencyKey('k4i', 'f', {
          now,
          ttlMs: 10_000,
          owner,
          leaseMs: 100,
          intent: { accountReferenceId: ACCOUNT, integrationFlow: 'payment-form' },
        });
      const first = await withIntent(0, 'a');
      assert.equal(first.state, 'claimed');
      if (first.state === 'claimed' && !first.intentRecorded) {
        assert.equal(await store.recordCreateIntent('k4i', intent('a', 0)), true, 'left to the caller');
      }
      assert.equal((await withIntent(50, 'b')).state, 'pending', 'the lease holds');
      const answer = await withIntent(150, 'b');
      assert.equal(
        answer.state === 'done' && answer.outcome.kind === 'failed' && answer.outcome.code,
        'provider_outcome_unknown',
      );
    });

    test('renewed leases hold past their first term', async () => {
      await claim('k5', 0, 'a');
      await store.renewLeases('a', 90, 100);
      assert.equal((await claim('k5', 150, 'b')).state, 'pending');
      assert.equal((await claim('k5', 191, 'b')).state, 'claimed');
    });

    test('the sweep deletes expired keys in bounded batches', async () => {
      for (const key of ['s1', 's2', 's3'])
        await store.claimIdempotencyKey(key, 'f', { now: 0, ttlMs: 1_000 });
      await store.claimIdempotencyKey('s-live', 'f', { now: 900, ttlMs: 1_000 });
      const first = await store.sweep(1_000, 2);
      assert.equal(first.idempotencyKeys, 2);
      const second = await store.sweep(1_000, 2);
      assert.ok(second.idempotencyKeys >= 1);
      assert.equal(
        (await store.claimIdempotencyKey('s-live', 'f', { now: 1_001, ttlMs: 1_000 })).state,
        'pending',
      );
    });

    test('tokens round-trip, network token number included', async () => {
      await store.putToken(
        stored('t-round', 'ACTIVE', {
          token: activeToken('t-round'),
          fullView: true,
          accountReferenceId: ACCOUNT,
          integrationFlow: 'direct',
        }),
      );
      const read = await store.getToken('t-round');
      assert.equal(read?.token.networkToken?.tokenNumber, TOKEN_NUMBER);
      assert.deepEqual(read?.token, activeToken('t-round'));
      assert.equal(read?.accountReferenceId, ACCOUNT);
      assert.equal(read?.integrationFlow, 'direct');
      assert.equal(await store.getToken('unknown'), undefined);
    });

    test('a final status read in full is never replaced by an older, non-final read', async () => {
      await store.putToken(stored('t-final', 'ACTIVE', { token: activeToken('t-final'), fullView: true }));
      await store.putToken(stored('t-final', 'PROVISIONING', { fullView: true }));
      assert.equal((await store.getToken('t-final'))?.token.status, 'ACTIVE');
    });

    test('status changes are announced, repeats are not', async () => {
      const heard: string[] = [];
      const stop = store.onStatusChange((tokenId) => heard.push(tokenId));
      await store.putToken(stored('t-news', 'PENDING_PAYMENT_FORM'));
      await store.putToken(stored('t-news', 'PENDING_PAYMENT_FORM', { checkedAt: 2 }));
      await store.putToken(stored('t-news', 'PROVISIONING'));
      await waitUntil(() => heard.filter((id) => id === 't-news').length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      stop();
      assert.equal(heard.filter((id) => id === 't-news').length, 2);
    });

    test('a token a create stores is not announced; its later changes are', async () => {
      const heard: string[] = [];
      const stop = store.onStatusChange((tokenId) => heard.push(tokenId));
      await claim('k-news', 0);
      const outcome = {
        kind: 'created',
        tokenId: 't-created',
        status: 'PENDING_PAYMENT_FORM',
        createdAt: 'c',
      } as const;
      await store.completeIdempotencyKey('k-news', outcome, {
        token: stored('t-created', 'PENDING_PAYMENT_FORM'),
        owner: 'a',
      });
      await store.putToken(stored('t-created', 'PROVISIONING'));
      await waitUntil(() => heard.includes('t-created'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      stop();
      assert.deepEqual(
        heard.filter((id) => id === 't-created'),
        ['t-created'],
        'PROVISIONING only',
      );
    });

    test('a poll lease has one holder until it lapses or is released', async () => {
      await store.putToken(stored('t-lease', 'PROVISIONING'));
      assert.equal(await store.claimWatch('t-lease', 'a', 0, 100), true);
      assert.equal(await store.claimWatch('t-lease', 'b', 50, 100), false);
      assert.equal(await store.claimWatch('t-lease', 'a', 50, 100), true, 'the holder renews');
      assert.equal(await store.claimWatch('t-lease', 'b', 149, 100), false);
      assert.equal(await store.claimWatch('t-lease', 'b', 150, 100), true, 'a lapsed lease can be taken');
      await store.releaseWatch('t-lease', 'a');
      assert.equal(await store.claimWatch('t-lease', 'a', 160, 100), false, 'only the holder can release');
      await store.releaseWatch('t-lease', 'b');
      assert.equal(await store.claimWatch('t-lease', 'a', 170, 100), true);
      await store.releaseWatch('t-lease', 'a');
    });

    test('tokens to resume: unfollowed, not final or final without its hook', async () => {
      const fresh = store; // earlier tests' tokens are left out by their names
      const at = 1_000_000;
      await fresh.putToken(stored('r-provisioning', 'PROVISIONING', { followSince: at - 10 }));
      await fresh.putToken(stored('r-waiting', 'PENDING_PAYMENT_FORM', { followSince: at - 9 }));
      await fresh.putToken(stored('r-old', 'PROVISIONING', { followSince: at - 10_000 }));
      await fresh.putToken(stored('r-gone', 'PROVISIONING', { followSince: at - 8, followEnded: 'gone' }));
      await fresh.putToken(stored('r-leased', 'PROVISIONING', { followSince: at - 7 }));
      await fresh.claimWatch('r-leased', 'other', at, 100);
      await fresh.putToken(
        stored('r-final', 'ACTIVE', { token: activeToken('r-final'), fullView: true, followSince: at - 6 }),
      );
      await fresh.putToken(stored('r-settled', 'ERROR', { fullView: true, followSince: at - 5 }));
      assert.equal(await fresh.claimFinalHook('r-settled', at, 100), true);
      await fresh.markFinalHookRan('r-settled', at);
      // A claimant that died in the middle of onFinalStatus: due again after the lease.
      await fresh.putToken(
        stored('r-hook-died', 'ACTIVE', {
          token: activeToken('r-hook-died'),
          fullView: true,
          followSince: at - 4,
        }),
      );
      assert.equal(await fresh.claimFinalHook('r-hook-died', at - 200, 100), true);
      await fresh.putToken(
        stored('r-hook-running', 'ACTIVE', {
          token: activeToken('r-hook-running'),
          fullView: true,
          followSince: at - 3,
        }),
      );
      assert.equal(await fresh.claimFinalHook('r-hook-running', at - 50, 100), true);
      const query = { now: at, followForMs: 1_000, limit: 100, hookRetryAfterMs: 100 };
      const mine = (ids: string[]) => ids.filter((id) => id.startsWith('r-'));
      assert.deepEqual(mine(await fresh.tokensToResume({ ...query, includeWaiting: true })), [
        'r-provisioning',
        'r-waiting',
        'r-final',
        'r-hook-died',
      ]);
      assert.deepEqual(mine(await fresh.tokensToResume({ ...query, includeWaiting: false })), [
        'r-provisioning',
        'r-final',
        'r-hook-died',
      ]);
      assert.deepEqual(
        mine(await fresh.tokensToResume({ ...query, includeWaiting: true, limit: 1 })).length <= 1,
        true,
      );
    });

    test('onFinalStatus is claimed once; a claim not marked ran lapses after retryAfterMs', async () => {
      await store.putToken(stored('t-hook', 'PROVISIONING', { fullView: true }));
      assert.equal(await store.claimFinalHook('t-hook', 0, 100), false, 'not final yet');
      await store.putToken(stored('t-hook', 'ACTIVE', { token: activeToken('t-hook'), fullView: true }));
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => store.claimFinalHook('t-hook', 10, 100)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      assert.equal(await store.claimFinalHook('t-hook', 50, 100), false);
      assert.equal(await store.claimFinalHook('t-hook', 110, 100), true, 'the claimant died: again');
      await store.markFinalHookRan('t-hook', 120);
      assert.equal(await store.claimFinalHook('t-hook', 1_000, 100), false);
    });

    test('the rate limit is a token bucket', async () => {
      const rule = { limit: 3, windowMs: 3_000 };
      const spent = [];
      for (let i = 0; i < 4; i++) spent.push(await store.spendRateLimit('client-1', rule, 0));
      assert.deepEqual(spent.slice(0, 3), Array(3).fill({ allowed: true }));
      assert.equal(spent[3]?.allowed, false);
      assert.equal(spent[3]?.allowed === false && Math.round(spent[3].retryAfterMs), 1_000);
      assert.equal((await store.spendRateLimit('client-1', rule, 1_000)).allowed, true, 'refilled');
      assert.equal((await store.spendRateLimit('client-2', rule, 1_000)).allowed, true, 'per client');
    });

    test('concurrent spends of one client: exactly the bucket’s tokens are granted, first come first served', async () => {
      const rule = { limit: 3, windowMs: 3_000 };
      const decisions = await Promise.all(
        Array.from({ length: 7 }, () => store.spendRateLimit('client-burst', rule, 0)),
      );
      assert.deepEqual(
        decisions.map((decision) => decision.allowed),
        [true, true, true, false, false, false, false],
      );
      for (const decision of decisions.slice(3)) {
        assert.equal(decision.allowed === false && Math.round(decision.retryAfterMs), 1_000);
      }
      const later = await Promise.all([
        store.spendRateLimit('client-burst', rule, 2_500),
        store.spendRateLimit('client-burst', rule, 2_500),
        store.spendRateLimit('client-burst', rule, 2_500),
      ]);
      assert.deepEqual(
        later.map((decision) => decision.allowed),
        [true, true, false],
        'two refilled in 2.5 s',
      );
    });

    test('webhook events: created once, active or failed once when final in full, never the number', async () => {
      const account = '0a7d1c3e-1111-4a43-9b53-4a1f0a0e8c11';
      const seqBefore = (await store.listWebhookEvents(0, 10_000)).at(-1)?.seq ?? 0;
      await store.claimIdempotencyKey('wh-1', 'f', { now: 0, ttlMs: 10_000, owner: 'a' });
      await store.completeIdempotencyKey(
        'wh-1',
        { kind: 'created', tokenId: 'tok-wh', status: 'PENDING_PAYMENT_FORM', createdAt: 'c' },
        { token: stored('tok-wh', 'PENDING_PAYMENT_FORM', { accountReferenceId: account }), owner: 'a' },
      );
      await store.putToken(stored('tok-wh', 'PROVISIONING', { accountReferenceId: account }));
      await store.putToken(stored('tok-wh', 'ACTIVE')); // the create answer's partial view: not yet
      const full = stored('tok-wh', 'ACTIVE', { token: activeToken('tok-wh'), fullView: true });
      await store.putToken(full);
      await store.putToken({ ...full, checkedAt: 5 });
      await store.putToken(stored('tok-wh-failed', 'ERROR', { fullView: true, accountReferenceId: account }));
      await store.putToken(stored('tok-no-account', 'ACTIVE', { fullView: true }));
      const events = await store.listWebhookEvents(seqBefore, 100);
      assert.deepEqual(
        events.map((event) => [event.tokenId, event.type, event.status]),
        [
          ['tok-wh', 'network_token.created', 'PENDING_PAYMENT_FORM'],
          ['tok-wh', 'network_token.active', 'ACTIVE'],
          ['tok-wh-failed', 'network_token.created', 'ERROR'],
          ['tok-wh-failed', 'network_token.failed', 'ERROR'],
        ],
      );
      assert.deepEqual(events[1]?.card, {
        brand: 'VISA',
        last4: '1111',
        expiryMonth: '12',
        expiryYear: '29',
      });
      assert.equal(events[0]?.card, null);
      assert.equal(events[1]?.accountReferenceId, account, 'the account comes from the stored token');
      assert.match(events[0]?.id ?? '', /^evt_[0-9a-f]{32}$/);
      assert.ok((events[0]?.seq ?? 0) < (events[1]?.seq ?? 0));
      assert.equal(JSON.stringify(events).includes(TOKEN_NUMBER), false);
      assert.deepEqual(await store.listWebhookEvents(events[2]?.seq ?? 0, 1), [events[3]], 'paged by seq');
    });

    test('webhook deliveries: claimed once, retried when due, 410 disables, redeliver re-enables', async () => {
      const receiver = 'https://receiver.example/hooks';
      const other = 'https://other.example/hooks';
      await store.registerWebhookEndpoints([receiver, other], Date.now());
      await store.registerWebhookEndpoints([receiver], Date.now()); // again: nothing changes
      const woken: number[] = [];
      const stop = store.onWebhookDue(() => woken.push(1));
      const t0 = Date.now();
      await store.putToken(stored('tok-del', 'PROVISIONING', { accountReferenceId: ACCOUNT }));
      await waitUntil(() => woken.length > 0);
      stop();
      const query = { endpoints: [receiver], now: t0 + 60_000, leaseMs: 30_000, limit: 100 };
      const claimed = (await store.claimWebhookDeliveries(query)).filter(
        (d) => d.event.tokenId === 'tok-del',
      );
      assert.equal(claimed.length, 1, 'only the endpoints asked for');
      const [delivery] = claimed;
      assert.equal(delivery?.endpoint, receiver);
      assert.deepEqual([delivery?.attempts, delivery?.step], [0, 0]);
      const again = await store.claimWebhookDeliveries(query);
      assert.equal(again.filter((d) => d.event.tokenId === 'tok-del').length, 0, 'claimed: not twice');
      const eventId = delivery?.event.id as string;
      const at = t0 + 60_000;
      await store.recordWebhookAttempt({
        eventId,
        endpoint: receiver,
        at,
        durationMs: 12,
        httpStatus: 500,
        error: 'HTTP 500',
        next: { state: 'pending', at: at + 5_000 },
      });
      assert.equal(
        await store.nextWebhookDueAt([receiver]).then((due) => due !== undefined && due <= at + 5_000),
        true,
      );
      const early = await store.claimWebhookDeliveries({ ...query, now: at + 4_999 });
      assert.equal(early.filter((d) => d.event.id === eventId).length, 0, 'not before it is due');
      const [retry] = (await store.claimWebhookDeliveries({ ...query, now: at + 5_000 })).filter(
        (d) => d.event.id === eventId,
      );
      assert.deepEqual([retry?.attempts, retry?.step], [1, 1]);
      await store.recordWebhookAttempt({
        eventId,
        endpoint: receiver,
        at: at + 5_000,
        durationMs: 3,
        httpStatus: 410,
        error: 'HTTP 410',
        next: { state: 'endpoint_gone' },
      });
      const disabled = await store.claimWebhookDeliveries({ ...query, now: at + 10_000_000 });
      assert.equal(disabled.length, 0, 'a 410 disabled the endpoint');
      assert.equal(await store.nextWebhookDueAt([receiver]), undefined);
      const [record] = await store.webhookEventRecords([eventId, 'evt_unknown']);
      assert.deepEqual(
        record?.attempts.map((a) => [a.endpoint, a.attempt, a.httpStatus, a.error, a.durationMs]),
        [
          [receiver, 1, 500, 'HTTP 500', 12],
          [receiver, 2, 410, 'HTTP 410', 3],
        ],
      );
      assert.deepEqual(
        record?.deliveries.map((d) => [d.endpoint, d.state, d.attempts]),
        [
          [other, 'pending', 0],
          [receiver, 'pending', 2],
        ],
      );
      assert.equal(await store.redeliverWebhookEvent('evt_unknown', at), false);
      assert.equal(await store.redeliverWebhookEvent(eventId, at + 20_000_000), true);
      const [redelivered] = (await store.claimWebhookDeliveries({ ...query, now: at + 20_000_000 })).filter(
        (d) => d.event.id === eventId,
      );
      assert.deepEqual([redelivered?.attempts, redelivered?.step], [2, 0], 'a fresh round of the schedule');
      await store.recordWebhookAttempt({
        eventId,
        endpoint: receiver,
        at: at + 20_000_000,
        durationMs: 1,
        httpStatus: 204,
        error: null,
        next: { state: 'delivered' },
      });
      const [done] = await store.webhookEventRecords([eventId]);
      assert.equal(done?.deliveries.find((d) => d.endpoint === receiver)?.state, 'delivered');
      assert.equal(done?.deliveries.find((d) => d.endpoint === receiver)?.nextAttemptAt, null);
    });

    test('account tokens: newest first, keyset pages stable while tokens are added; remove wipes the number', async () => {
      const account = '0a7d1c3e-2222-4a43-9b53-4a1f0a0e8c11';
      const put = async (tokenId: string) => {
        await store.putToken(
          stored(tokenId, 'ACTIVE', {
            token: activeToken(tokenId),
            fullView: true,
            accountReferenceId: account,
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 2)); // distinct stored times, as in life
      };
      for (const id of ['acc-1', 'acc-2', 'acc-3', 'acc-4']) await put(id);
      await store.putToken(stored('acc-pending', 'PROVISIONING', { accountReferenceId: account }));
      await new Promise((resolve) => setTimeout(resolve, 2)); // acc-5, later, must not share its time
      await store.putToken(
        stored('acc-other', 'ACTIVE', {
          token: activeToken('acc-other'),
          fullView: true,
          accountReferenceId: ACCOUNT,
        }),
      );
      const first = await store.listAccountTokens(account, { limit: 2, activeOnly: true });
      assert.deepEqual(
        first.map((t) => t.token.tokenId),
        ['acc-4', 'acc-3'],
      );
      await put('acc-5'); // created while paging: not in later pages, nothing repeated or skipped
      const last = first.at(-1) as (typeof first)[number];
      const after = { storedAt: last.storedAt, tokenId: last.token.tokenId };
      const second = await store.listAccountTokens(account, { limit: 10, activeOnly: true, after });
      assert.deepEqual(
        second.map((t) => t.token.tokenId),
        ['acc-2', 'acc-1'],
      );
      const all = await store.listAccountTokens(account, { limit: 10 });
      assert.deepEqual(
        all.map((t) => t.token.tokenId),
        ['acc-5', 'acc-pending', 'acc-4', 'acc-3', 'acc-2', 'acc-1'],
      );

      assert.equal(await store.removeToken('acc-3', 50, ACCOUNT), false, 'not that account’s');
      assert.equal(await store.removeToken('acc-3', 50, account), true);
      assert.equal(await store.removeToken('acc-3', 51), false, 'already removed');
      const removed = await store.getToken('acc-3');
      assert.equal(removed?.removedAt, 50);
      assert.equal(removed?.token.networkToken?.tokenNumber, undefined, 'the number is wiped');
      await store.putToken(stored('acc-3', 'ACTIVE', { token: activeToken('acc-3'), fullView: true }));
      assert.equal(
        (await store.getToken('acc-3'))?.token.networkToken?.tokenNumber,
        undefined,
        'and stays wiped',
      );
      assert.equal((await store.getToken('acc-3'))?.removedAt, 50);
      const left = await store.listAccountTokens(account, { limit: 10, activeOnly: true });
      assert.deepEqual(
        left.map((t) => t.token.tokenId),
        ['acc-5', 'acc-4', 'acc-2', 'acc-1'],
      );
    });

    test('the sweep deletes webhook events past retention once every delivery is final, in bounded batches', async () => {
      const day = 24 * 60 * 60_000;
      // A fake clock far past every event the other tests wrote (on the real clock).
      const t0 = Date.now() + 400 * day;
      await store.registerWebhookEndpoints(['https://retention.example/hooks'], t0);
      const write = (tokenId: string, now: number) => createdAt(store, tokenId, now);
      const finish = async (eventId: string, at: number, state: 'delivered' | 'failed') => {
        const [record] = await store.webhookEventRecords([eventId]);
        assert.ok((record?.deliveries.length ?? 0) > 0, 'the event has deliveries');
        for (const { endpoint } of record?.deliveries ?? []) {
          const answer =
            state === 'delivered' ? { httpStatus: 204, error: null } : { httpStatus: 500, error: 'HTTP 500' };
          await store.recordWebhookAttempt({
            eventId,
            endpoint,
            at,
            durationMs: 1,
            ...answer,
            next: { state },
          });
        }
      };
      const before = (await store.listWebhookEvents(0, 10_000)).at(-1)?.seq ?? 0;
      const delivered = await write('ret-delivered', t0);
      const failed = await write('ret-failed', t0);
      const pending = await write('ret-pending', t0);
      await store.registerWebhookEndpoints(['https://retention.example/hooks'], t0 + 20 * day);
      const young = await write('ret-young', t0 + 20 * day);
      await finish(delivered.id, t0 + 1, 'delivered');
      await finish(failed.id, t0 + 1, 'failed');
      await finish(young.id, t0 + 20 * day + 1, 'delivered');
      const ids = [delivered.id, failed.id, pending.id, young.id];
      const kept = async () => (await store.webhookEventRecords(ids)).map((record) => record.event.tokenId);

      const now = t0 + 30 * day;
      // A worker still delivers to the endpoint (it registers hourly): its pending delivery stays pending.
      await store.registerWebhookEndpoints(['https://retention.example/hooks'], now);
      assert.deepEqual(await kept(), ['ret-delivered', 'ret-failed', 'ret-pending', 'ret-young']);
      await store.sweep(now - 1, 1_000);
      assert.equal((await kept()).length, 4, 'not a moment before the retention ends');
      assert.equal((await store.sweep(now, 1)).webhookEvents, 1, 'one batch at most');
      for (let round = 0; round < 100; round++) if ((await store.sweep(now, 1)).webhookEvents === 0) break;
      assert.deepEqual(await kept(), ['ret-pending', 'ret-young'], 'the pending and the young stay');
      assert.equal(
        (await store.sweep(now + 365 * day, 1_000, { webhookRetentionMs: 400 * day })).webhookEvents,
        0,
      );
      assert.deepEqual(await kept(), ['ret-pending', 'ret-young'], 'a longer retention keeps them');
      const [record] = await store.webhookEventRecords([young.id]);
      assert.deepEqual(
        record?.attempts.map((a) => a.httpStatus),
        record?.deliveries.map(() => 204),
        'what stays keeps its attempts',
      );

      // The events page goes on past the deleted ones, from a cursor on one of them too.
      const page = (await store.listWebhookEvents(before, 100)).map((event) => event.tokenId);
      assert.deepEqual(page, ['ret-pending', 'ret-young']);
      const fromGone = await store.listWebhookEvents(delivered.seq, 100);
      assert.deepEqual(
        fromGone.map((event) => event.tokenId),
        ['ret-pending', 'ret-young'],
      );
    });

    if (engine.rawRows) {
      test('the stored rows never hold the network token number in clear text', async () => {
        await store.putToken(
          stored('t-secret', 'ACTIVE', { token: activeToken('t-secret'), fullView: true }),
        );
        await store.putToken(
          stored('t-secret-2', 'ACTIVE', {
            token: activeToken('t-secret-2'),
            fullView: true,
            accountReferenceId: ACCOUNT,
          }),
        );
        const raw = await (engine.rawRows as () => Promise<string>)();
        assert.ok(raw.includes('t-secret'), 'the raw rows were read');
        assert.ok(raw.includes('network_token.active'), 'the webhook events were read');
        assert.ok(raw.includes('ext-1'), 'the rest of SmartPay’s view is kept');
        assert.equal(raw.includes(TOKEN_NUMBER), false);
        assert.equal(raw.includes(Buffer.from(TOKEN_NUMBER).toString('hex')), false);
        assert.equal(raw.includes(Buffer.from(TOKEN_NUMBER).toString('base64')), false);
      });
    }

    test('an endpoint no instance registered for a week is retired: no new deliveries, its pending ones fail, registering it brings it back', async () => {
      const day = 24 * 60 * 60_000;
      // A fake clock past every other test's endpoints (the retention test's reach 430 days on).
      const t0 = Date.now() + 1_000 * day;
      const kept = 'https://kept.example/hooks';
      const removed = 'https://removed.example/hooks';
      await store.registerWebhookEndpoints([kept, removed], t0);
      const write = async (tokenId: string, now: number) => (await createdAt(store, tokenId, now)).id;
      const deliveries = async (eventId: string) =>
        (await store.webhookEventRecords([eventId]))[0]?.deliveries.map((d) => `${d.endpoint} ${d.state}`);

      const first = await write('retire-1', t0);
      assert.deepEqual(await deliveries(first), [`${kept} pending`, `${removed} pending`]);
      // A week on, only `kept` is still in an instance's WEBHOOK_URL (workers register hourly).
      const later = t0 + 7 * day + 1;
      await store.registerWebhookEndpoints([kept], later);
      const second = await write('retire-2', later);
      assert.deepEqual(await deliveries(second), [`${kept} pending`], 'no delivery to a retired endpoint');
      // (The memory store also sweeps as keys are claimed: the count may have been taken already.)
      await store.sweep(later, 1_000);
      assert.deepEqual(await deliveries(first), [`${kept} pending`, `${removed} failed`]);
      assert.equal((await store.sweep(later, 1_000)).retiredDeliveries, 0, 'once');
      assert.equal(await store.redeliverWebhookEvent(second, later), true);
      assert.deepEqual(await deliveries(second), [`${kept} pending`], 'nor when redelivered');
      // Back in a WEBHOOK_URL: it gets deliveries again.
      await store.registerWebhookEndpoints([removed], later + 1);
      const third = await write('retire-3', later + 1);
      assert.deepEqual(await deliveries(third), [`${kept} pending`, `${removed} pending`]);
    });

    if (engine.openAnother) {
      test('workers on two instances never claim the same delivery', async () => {
        const other = await (engine.openAnother as () => Promise<TokenStore>)();
        const endpoint = 'https://race.example/hooks';
        await store.registerWebhookEndpoints([endpoint], Date.now());
        for (let i = 0; i < 40; i++) {
          await store.putToken(stored(`tok-race-${i}`, 'PROVISIONING', { accountReferenceId: ACCOUNT }));
        }
        const query = { endpoints: [endpoint], now: Date.now() + 1_000, leaseMs: 60_000, limit: 7 };
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).claimWebhookDeliveries(query)),
        );
        const ids = claims.flat().map((d) => d.event.id);
        assert.equal(ids.length, 40, 'every delivery claimed');
        assert.equal(new Set(ids).size, 40, 'none twice');
      });

      test('another instance hears a status change within a second, and shares the rate limit', async () => {
        const other = await (engine.openAnother as () => Promise<TokenStore>)();
        const heard: number[] = [];
        const started = Date.now();
        other.onStatusChange((tokenId) => tokenId === 't-shared' && heard.push(Date.now() - started));
        await store.putToken(stored('t-shared', 'PROVISIONING'));
        await waitUntil(() => heard.length > 0, 1_000);
        const rule = { limit: 2, windowMs: 60_000 };
        assert.equal((await store.spendRateLimit('shared', rule, 0)).allowed, true);
        assert.equal((await other.spendRateLimit('shared', rule, 0)).allowed, true);
        assert.equal((await store.spendRateLimit('shared', rule, 0)).allowed, false);
      });
    }
  });
}

describe('PostgreSQL: the events page and transactions in flight', { timeout: 120_000 }, () => {
  /**
   * One connection writes an event (the lower seq) and keeps its transaction open while the store
   * commits another (the higher seq); `race` says when, relative to the page read: before it, or
   * inside it, right after a statement whose text includes `race.after`.
   */
  async function readWhileInFlight(race: { after?: string }) {
    const schema = await createTestSchema();
    const store = await openTokenStore({
      dataDir: '/nonexistent',
      databaseUrl: schema.url,
      tokenEncryptionKeys: TEST_KEY_A,
    });
    try {
      await store.putToken(stored('tok-first', 'PROVISIONING', { accountReferenceId: ACCOUNT }));
      const [first] = await store.listWebhookEvents(0, 10);
      assert.equal(first?.tokenId, 'tok-first');
      const cursor = first?.seq ?? 0;
      let inFlightSeq = 0;
      const writeBoth = async () => {
        await schema.query('BEGIN');
        const [row] = await schema.query<{ seq: string }>(
          `INSERT INTO webhook_events (event_id, type, token_id, account_reference_id, status, created_at)
           VALUES ($1, 'network_token.active', 'tok-first', $2, 'ACTIVE', $3) RETURNING seq`,
          [`evt_${'a'.repeat(32)}`, ACCOUNT, Date.now()],
        );
        inFlightSeq = Number(row?.seq);
        await store.putToken(stored('tok-second', 'PROVISIONING', { accountReferenceId: ACCOUNT }));
      };
      if (race.after === undefined) await writeBoth();
      else {
        const executor = (store as unknown as { executor: { query: SqlQueryable['query'] } }).executor;
        const query = executor.query.bind(executor);
        let raced = false;
        executor.query = async (sql, params) => {
          const rows = await query(sql, params);
          if (!raced && typeof sql === 'string' && sql.includes(race.after as string)) {
            raced = true;
            await writeBoth();
          }
          return rows as never[];
        };
      }
      const meanwhile = await store.listWebhookEvents(cursor, 10);
      assert.ok(inFlightSeq > cursor, 'the race ran');
      assert.equal(
        meanwhile.some((event) => event.tokenId === 'tok-second'),
        false,
        'the page stops before the event in flight',
      );
      // A reader moves its cursor to the last event it got.
      const readerCursor = meanwhile.at(-1)?.seq ?? cursor;
      await schema.query('COMMIT');
      const later = await store.listWebhookEvents(readerCursor, 10);
      assert.deepEqual(
        later.map((event) => [event.tokenId, event.type]),
        [
          ['tok-first', 'network_token.active'],
          ['tok-second', 'network_token.created'],
        ],
        'after the commit, both',
      );
      assert.equal(later[0]?.seq, inFlightSeq);
      assert.ok((later[0]?.seq ?? 0) < (later[1]?.seq ?? 0), 'in the order of their seqs');
    } finally {
      await schema.query('ROLLBACK').catch(() => {});
      await store.close();
      await schema.drop();
    }
  }

  test('a cursor never passes an event that a transaction still in flight holds', () =>
    readWhileInFlight({}));

  test('nor one whose transaction began while the page was being read', () =>
    readWhileInFlight({ after: 'pg_locks' }));
});

describe('SQL store: keys and migrations', { timeout: 120_000 }, () => {
  let schema: TestSchema;
  before(async () => {
    schema = await createTestSchema();
  });
  after(() => schema.drop());

  test('instances starting together migrate once', async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        openTokenStore({ dataDir: '/nonexistent', databaseUrl: schema.url, tokenEncryptionKeys: TEST_KEY_A }),
      ),
    );
    const rows = await schema.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      rows.map((r) => r.version),
      MIGRATIONS.map((migration) => migration.version),
    );
    for (const store of stores) await store.close();
  });

  test('key rotation: the new key encrypts, the old still decrypts, a missing key is named', async () => {
    const open = (keys: string) =>
      openTokenStore({ dataDir: '/nonexistent', databaseUrl: schema.url, tokenEncryptionKeys: keys });
    const old = await open(TEST_KEY_A);
    await old.putToken(stored('t-rot-old', 'ACTIVE', { token: activeToken('t-rot-old'), fullView: true }));
    await old.close();
    const rotated = await open(`${TEST_KEY_B},${TEST_KEY_A}`);
    await rotated.putToken(
      stored('t-rot-new', 'ACTIVE', { token: activeToken('t-rot-new'), fullView: true }),
    );
    assert.equal((await rotated.getToken('t-rot-old'))?.token.networkToken?.tokenNumber, TOKEN_NUMBER);
    await rotated.close();
    const ids = await schema.query<{ token_id: string; token_number_key_id: string }>(
      `SELECT token_id, token_number_key_id FROM tokens WHERE token_id LIKE 't-rot-%' ORDER BY token_id`,
    );
    assert.deepEqual(
      ids.map((r) => r.token_number_key_id),
      ['kb', 'ka'],
    );
    const onlyNew = await open(TEST_KEY_B);
    await assert.rejects(onlyNew.getToken('t-rot-old'), /key id "ka"/);
    assert.equal((await onlyNew.getToken('t-rot-new'))?.token.networkToken?.tokenNumber, TOKEN_NUMBER);
    await onlyNew.close();
  });

  test('a sealed value moved to another row does not open', async () => {
    const store = await openTokenStore({
      dataDir: '/nonexistent',
      databaseUrl: schema.url,
      tokenEncryptionKeys: TEST_KEY_A,
    });
    await store.putToken(stored('t-move-a', 'ACTIVE', { token: activeToken('t-move-a'), fullView: true }));
    await store.putToken(
      stored('t-move-b', 'ACTIVE', {
        token: { ...activeToken('t-move-b'), networkToken: { tokenNumber: '5500000000000004' } },
        fullView: true,
      }),
    );
    await schema.query(
      `UPDATE tokens SET token_number_iv = a.token_number_iv, token_number_sealed = a.token_number_sealed
       FROM tokens a WHERE a.token_id = 't-move-a' AND tokens.token_id = 't-move-b'`,
    );
    await assert.rejects(store.getToken('t-move-b'));
    await store.close();
  });

  test('the database refuses what breaks an invariant', async () => {
    await assert.rejects(
      schema.query(`INSERT INTO tokens (token_id, status, view, full_view, checked_at, follow_since, created_at, updated_at)
      VALUES ('bad', 'ACTIVE', '{"networkToken":{"tokenNumber":"4111111111111111"}}', true, 0, 0, 0, 0)`),
      /check constraint/,
    );
    await assert.rejects(
      schema.query(`INSERT INTO tokens (token_id, status, view, full_view, checked_at, follow_since, created_at, updated_at, integration_flow)
      VALUES ('bad', 'ACTIVE', '{}', true, 0, 0, 0, 0, 'carrier-pigeon')`),
      /check constraint/,
    );
    await assert.rejects(
      schema.query(`INSERT INTO idempotency_keys (idempotency_key, fingerprint, owner, lease_until, created_at, expires_at, outcome)
      VALUES ('bad', 'f', 'o', 0, 0, 1, 'created')`),
      /check constraint/,
    );
    await assert.rejects(
      schema.query(
        `INSERT INTO watch_leases (token_id, holder, lease_until) VALUES ('no-such-token', 'o', 0)`,
      ),
      /foreign key/,
    );
  });

  test('a schema newer than the code is refused', async () => {
    await schema.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`);
    await assert.rejects(
      openTokenStore({ dataDir: '/nonexistent', databaseUrl: schema.url, tokenEncryptionKeys: TEST_KEY_A }),
      /newer than this server knows/,
    );
    await schema.query('DELETE FROM schema_migrations WHERE version = 99');
  });
});

describe('PGlite data directory', { timeout: 120_000 }, () => {
  test('one opener at a time: a second open is refused while the first is open', async () => {
    const dir = await createPgliteDataDir();
    const first = await openPgliteExecutor(`${dir.path}/pglite`);
    await migrate(first);
    await assert.rejects(openPgliteExecutor(`${dir.path}/pglite`), /already open in this process/);
    await first.close();
    const again = await openPgliteExecutor(`${dir.path}/pglite`);
    await again.close();
    dir.remove();
  });

  test('prepared statements: typed parameters, a failed run leaves it usable, transactions in between', async () => {
    const dir = await createPgliteDataDir();
    const db = await openPgliteExecutor(`${dir.path}/pglite`);
    const divide = prepared('test_divide', 'SELECT 12 / $1::int AS x, $2::bytea AS raw, $3::boolean AS yes');
    const bytes = Buffer.from([0, 1, 254]);
    const [first] = await db.query<{ x: number; raw: Uint8Array; yes: boolean }>(divide, [4, bytes, true]);
    assert.equal(first?.x, 3);
    assert.deepEqual(Buffer.from(first?.raw ?? []), bytes);
    assert.equal(first?.yes, true);
    await assert.rejects(db.query(divide, [0, bytes, false]), /division by zero/);
    const inTransaction = await db.transaction(async (tx) =>
      tx.query<{ x: number }>(divide, [6, bytes, false]),
    );
    assert.equal(inTransaction[0]?.x, 2);
    assert.deepEqual(await db.query(divide, [null, null, null]), [{ x: null, raw: null, yes: null }]);
    await db.close();
    dir.remove();
  });
});

/** Creates a token for ACCOUNT through an idempotency key at `now` (a fake clock); returns its created event. */
async function createdAt(store: TokenStore, tokenId: string, now: number) {
  await store.claimIdempotencyKey(`key-${tokenId}`, 'f', { now, ttlMs: 10_000, owner: 'a' });
  await store.completeIdempotencyKey(
    `key-${tokenId}`,
    { kind: 'created', tokenId, status: 'PROVISIONING', createdAt: 'c' },
    { token: stored(tokenId, 'PROVISIONING', { accountReferenceId: ACCOUNT }), owner: 'a', now },
  );
  const [event] = (await store.listWebhookEvents(0, 10_000)).filter((e) => e.tokenId === tokenId);
  assert.ok(event, `${tokenId} wrote its event`);
  return event;
}

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
