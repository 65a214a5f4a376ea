import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemoryTokenStore, type StoredToken } from '../src/index.ts';
import { TOKEN } from './helpers/scripted-fetch.ts';

const opts = (now: number) => ({ now, ttlMs: 1_000 });

describe('MemoryTokenStore: idempotency keys', () => {
  test('one claim of many concurrent ones wins; the rest see pending', async () => {
    const store = new MemoryTokenStore();
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.claimIdempotencyKey('k', 'f', opts(0))),
    );
    assert.equal(claims.filter((c) => c.state === 'claimed').length, 1);
    assert.equal(claims.filter((c) => c.state === 'pending').length, 19);
  });

  test('another fingerprint is a mismatch, pending or done', async () => {
    const store = new MemoryTokenStore();
    await store.claimIdempotencyKey('k', 'f', opts(0));
    assert.deepEqual(await store.claimIdempotencyKey('k', 'g', opts(1)), { state: 'mismatch' });
    await store.completeIdempotencyKey('k', {
      kind: 'failed',
      code: 'provider_outcome_unknown',
      message: 'm',
    });
    assert.deepEqual(await store.claimIdempotencyKey('k', 'g', opts(2)), { state: 'mismatch' });
  });

  test('a completed key replays its outcome until it expires', async () => {
    const store = new MemoryTokenStore();
    await store.claimIdempotencyKey('k', 'f', opts(0));
    const outcome = { kind: 'created', tokenId: 't', status: 'ACTIVE', createdAt: 'now' } as const;
    await store.completeIdempotencyKey('k', outcome);
    assert.deepEqual(await store.claimIdempotencyKey('k', 'f', opts(999)), { state: 'done', outcome });
    assert.deepEqual(await store.claimIdempotencyKey('k', 'f', opts(1_000)), { state: 'claimed' });
  });

  test('release frees a pending key, but never a completed one', async () => {
    const store = new MemoryTokenStore();
    await store.claimIdempotencyKey('k', 'f', opts(0));
    await store.releaseIdempotencyKey('k');
    assert.deepEqual(await store.claimIdempotencyKey('k', 'g', opts(1)), { state: 'claimed' });
    await store.completeIdempotencyKey('k', {
      kind: 'failed',
      code: 'provider_outcome_unknown',
      message: 'm',
    });
    await store.releaseIdempotencyKey('k');
    assert.equal((await store.claimIdempotencyKey('k', 'g', opts(2))).state, 'done');
  });

  test('expired keys are swept', async () => {
    const store = new MemoryTokenStore();
    await store.claimIdempotencyKey('old', 'f', opts(0));
    await store.claimIdempotencyKey('trigger', 'f', opts(120_000));
    const keys = (store as unknown as { keys: Map<string, unknown> }).keys;
    assert.equal(keys.has('old'), false);
    assert.equal(keys.has('trigger'), true);
  });
});

describe('MemoryTokenStore: tokens and leases', () => {
  const stored: StoredToken = {
    tokenId: TOKEN.tokenId,
    token: TOKEN,
    fullView: false,
    checkedAt: 1,
    followSince: 1,
  };

  test('tokens are copied in and out, like a database would', async () => {
    const store = new MemoryTokenStore();
    const mine = structuredClone(stored);
    await store.putToken(mine);
    (mine.token as { status: string }).status = 'CHANGED';
    const read = await store.getToken(TOKEN.tokenId);
    assert.equal(read?.token.status, TOKEN.status);
    (read!.token as { status: string }).status = 'CHANGED';
    assert.equal((await store.getToken(TOKEN.tokenId))?.token.status, TOKEN.status);
    assert.equal(await store.getToken('unknown'), undefined);
  });
  // Poll leases, claims under concurrency, lease expiry and the sweep: store-contract.test.ts runs them
  // against this store, PGlite and PostgreSQL alike.
});
