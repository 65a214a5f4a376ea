/**
 * Crash: 200 creates through a real server process, `kill -9` in the middle, a restart on the
 * same data. Nothing a client was told is lost, no key creates twice, and tokens that were
 * provisioning reach their final status (with onFinalStatus run) without any browser asking.
 * Once on PGlite (the default) and once on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { paymentFormBody } from './helpers/bodies.ts';
import { createPgliteDataDir, createTestSchema, TEST_KEY_A } from './helpers/databases.ts';
import {
  type CreateAnswer,
  createThrough,
  eventually,
  pool,
  type ServerProcess,
  serverEnv,
  startCountingSandbox,
  startServer,
} from './helpers/processes.ts';

const CREATES = 200;
const KILL_AFTER = 100;
const CONCURRENCY = 20;
/** Mastercard, ACTIVE 60 s after the card is accepted: 3 s at this time scale. */
const SLOW_CARD = '5105 1051 0510 5100';
const TIME_SCALE = 0.05;
const LEASE_MS = '2000';

async function readToken(server: ServerProcess, tokenId: string, secret: string) {
  const response = await fetch(`${server.url}/api/network-tokens/${tokenId}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  return { status: response.status, body: (await response.json()) as { tokenId?: string; status?: string } };
}

const settledIds = (...servers: ServerProcess[]) =>
  servers.flatMap((s) => s.logs.filter((l) => l.event === 'token.settled').map((l) => l.tokenId as string));

async function crashAndRestart(t: { diagnostic(message: string): void }, storeEnv: Record<string, string>) {
  const sandbox = await startCountingSandbox(TIME_SCALE);
  const env = serverEnv(sandbox.url, { ...storeEnv, TOKEN_ENCRYPTION_KEYS: TEST_KEY_A, LEASE_MS });
  const first = await startServer(env);
  const restarted: ServerProcess[] = [];
  try {
    // Slower creates, so that some are inside SmartPay when the process dies.
    await sandbox.slowCreates(60, 1_000);
    const body = paymentFormBody();
    const keys = Array.from({ length: CREATES }, () => `crash-${randomUUID()}`);
    const provisioning: string[] = [];
    let answeredCount = 0;
    let killed: Promise<void> | undefined;
    const firstRound = await pool(keys, CONCURRENCY, async (key): Promise<CreateAnswer | undefined> => {
      if (killed) return undefined; // not sent: the server is gone
      const answer = await createThrough(first.url, key, body);
      if (answer.status === undefined) return answer;
      const { tokenId, clientSecret } = answer.body ?? {};
      // Every other token: the shopper submits a slow card and the page reads the status once,
      // so the server knows the token is PROVISIONING.
      if (answer.status === 201 && tokenId && clientSecret && answeredCount % 2 === 0 && !killed) {
        await sandbox.submitCard(tokenId, SLOW_CARD);
        // A status younger than a second is served from the store (freshForMs): wait it out.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        const read = await readToken(first, tokenId, clientSecret).catch(() => undefined);
        if (read?.body.status === 'PROVISIONING') provisioning.push(tokenId);
      }
      if (++answeredCount === KILL_AFTER) killed = first.kill9();
      return answer;
    });
    await killed;
    const answered = firstRound.filter((a): a is CreateAnswer => a?.status !== undefined);
    const inFlight = firstRound.filter((a): a is CreateAnswer => a !== undefined && a.status === undefined);
    const unsent = keys.filter((_, i) => firstRound[i] === undefined);
    assert.ok(answered.length >= KILL_AFTER);
    assert.deepEqual(
      answered.filter((a) => a.status !== 201).map((a) => [a.status, a.body]),
      [],
      'every answer before the crash was a 201',
    );
    assert.ok(provisioning.length > 0);

    const restartedAt = Date.now();
    const second = await startServer(env);
    restarted.push(second);
    const restartMs = Date.now() - restartedAt;

    // Tokens that were provisioning reach their final status with nobody asking; onFinalStatus ran.
    const settleMs = await eventually(
      () => provisioning.every((id) => settledIds(first, second).includes(id)),
      30_000,
      'every provisioning token settled',
    );
    const settled = settledIds(first, second).filter((id) => provisioning.includes(id));
    const repeats = settled.length - new Set(settled).size;
    assert.ok(repeats <= 1, `onFinalStatus repeated ${repeats} times (at most the one a kill interrupted)`);

    // Every answered key replays its token, and SmartPay is not asked to create anything.
    const createdBeforeReplay = sandbox.created.length;
    const replays = await pool(answered, CONCURRENCY, (a) => createThrough(second.url, a.key, body));
    for (const [i, replay] of replays.entries()) {
      assert.equal(replay.status, 201);
      assert.equal(replay.replayed, true);
      assert.equal(replay.body?.tokenId, answered[i]?.body?.tokenId);
    }
    assert.equal(sandbox.created.length, createdBeforeReplay, '0 new upstream tokens for answered keys');

    // Keys that were in flight: the token (if the answer only got lost), "unknown", or a first
    // create when SmartPay was never called; never a second one.
    const createdBeforeInFlight = sandbox.created.length;
    const inFlightFirst = await pool(inFlight, CONCURRENCY, (a) => createThrough(second.url, a.key, body));
    const inFlightAgain = await pool(inFlight, CONCURRENCY, (a) => createThrough(second.url, a.key, body));
    const freshCreates = inFlightFirst.filter((a) => a.status === 201 && !a.replayed).length;
    const unknown = inFlightFirst.filter((a) => a.body?.error?.code === 'provider_outcome_unknown').length;
    for (const [i, answer] of inFlightFirst.entries()) {
      assert.ok(
        answer.status === 201 || answer.body?.error?.code === 'provider_outcome_unknown',
        `in flight: ${answer.status}`,
      );
      const again = inFlightAgain[i];
      assert.equal(again?.status, answer.status);
      assert.equal(again?.body?.tokenId, answer.body?.tokenId);
    }
    assert.equal(sandbox.created.length - createdBeforeInFlight, freshCreates, 'one create per key at most');

    // Keys never sent before the crash work as usual.
    const late = await pool(unsent, CONCURRENCY, (key) => createThrough(second.url, key, body));
    assert.ok(late.every((a) => a.status === 201 && !a.replayed));

    // Every token a client was told about is served with its client secret.
    const told = [...answered, ...inFlightFirst, ...late].filter((a) => a.status === 201);
    const reads = await pool(told, CONCURRENCY, (a) =>
      readToken(second, a.body?.tokenId as string, a.body?.clientSecret as string),
    );
    assert.ok(reads.every((r, i) => r.status === 200 && r.body.tokenId === told[i]?.body?.tokenId));

    // SmartPay tokens the merchant never heard of: only behind keys answered "unknown".
    const known = new Set(told.map((a) => a.body?.tokenId));
    const orphans = sandbox.created.filter((id) => !known.has(id)).length;
    assert.ok(orphans <= unknown, `${orphans} orphan tokens, ${unknown} keys answered unknown`);

    t.diagnostic(
      `answered before kill ${answered.length}, in flight ${inFlight.length} ` +
        `(${inFlightFirst.length - unknown - freshCreates} had committed, ${unknown} unknown, ${freshCreates} never reached SmartPay), ` +
        `unsent ${unsent.length}; provisioning ${provisioning.length}, all settled ${settleMs} ms after restart ` +
        `(onFinalStatus repeats ${repeats}); restart ${restartMs} ms; orphan SmartPay tokens ${orphans}; ` +
        `upstream creates ${sandbox.created.length} for ${CREATES} keys`,
    );
  } finally {
    for (const server of restarted) await server.stop();
    await first.kill9();
    await sandbox.close();
  }
}

// Each test is bounded on its own; a busy machine may slow one, not starve the next.
describe('crash and restart', () => {
  test('on PGlite (the default): kill -9 during 200 creates, restart on the same data directory', {
    timeout: 240_000,
  }, async (t) => {
    const dataDir = await createPgliteDataDir();
    try {
      await crashAndRestart(t, { DATA_DIR: dataDir.path });
    } finally {
      dataDir.remove();
    }
  });

  test('on PostgreSQL: kill -9 during 200 creates, restart on the same database', {
    timeout: 240_000,
  }, async (t) => {
    const schema = await createTestSchema();
    const dataDir = mkdtempSync(join(tmpdir(), 'smartpay-data-'));
    try {
      await crashAndRestart(t, { DATABASE_URL: schema.url, DATA_DIR: dataDir });
    } finally {
      await schema.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a second server on a PGlite data directory in use is refused, naming the way out', {
    timeout: 120_000,
  }, async () => {
    const sandbox = await startCountingSandbox(TIME_SCALE);
    const dataDir = await createPgliteDataDir();
    const env = serverEnv(sandbox.url, { DATA_DIR: dataDir.path, TOKEN_ENCRYPTION_KEYS: TEST_KEY_A });
    const running = await startServer(env);
    try {
      await assert.rejects(startServer(env), /in use by process .*DATABASE_URL/s);
    } finally {
      await running.stop();
      await sandbox.close();
      dataDir.remove();
    }
  });
});
