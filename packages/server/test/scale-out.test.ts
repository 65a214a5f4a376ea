/**
 * Scale-out: three server processes on one PostgreSQL. An Idempotency-Key is one token whichever
 * instance gets each duplicate; one upstream poller per token however the subscribers are spread,
 * each of them told within a second; and when an instance dies, another takes its tokens over
 * within the lease and every one reaches its final status.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { paymentFormBody } from './helpers/bodies.ts';
import { createTestSchema, TEST_KEY_A, type TestSchema } from './helpers/databases.ts';
import {
  type CountingSandbox,
  createThrough,
  eventually,
  pool,
  type ServerProcess,
  serverEnv,
  startCountingSandbox,
  startServer,
} from './helpers/processes.ts';
import { readSse } from './helpers/sse.ts';

const LEASE_MS = 2_000;
/** ACTIVE 60 s after the card is accepted: 9 s at this time scale. */
const SLOW_CARD = '5105 1051 0510 5100';
const TIME_SCALE = 0.15;

describe('three instances on one PostgreSQL', { timeout: 480_000 }, () => {
  let sandbox: CountingSandbox;
  let schema: TestSchema;
  let dataDir: string;
  let servers: ServerProcess[] = [];

  before(async () => {
    sandbox = await startCountingSandbox(TIME_SCALE);
    schema = await createTestSchema();
    dataDir = mkdtempSync(join(tmpdir(), 'smartpay-data-'));
    const env = serverEnv(sandbox.url, {
      DATABASE_URL: schema.url,
      DATA_DIR: dataDir,
      TOKEN_ENCRYPTION_KEYS: TEST_KEY_A,
      LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'debug',
    });
    // Started together: the migrations must not race.
    servers = await Promise.all([startServer(env), startServer(env), startServer(env)]);
  });

  after(async () => {
    for (const server of servers) await server.stop();
    await sandbox.close();
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('1,000 creates, 30 % reusing a key sent to another instance: one upstream token per key', async (t) => {
    const body = paymentFormBody();
    const requests: { key: string; instance: number }[] = [];
    const keys: { key: string; instance: number }[] = [];
    for (let i = 0; i < 1_000; i++) {
      // Every tenth... three in ten reuse a recent key (often still in flight) on the next instance.
      if (i % 10 < 3 && keys.length > 0) {
        const original = keys[Math.max(0, keys.length - 1 - (i % 7))] as { key: string; instance: number };
        requests.push({ key: original.key, instance: (original.instance + 1) % 3 });
      } else {
        const fresh = { key: `scale-${randomUUID()}`, instance: i % 3 };
        keys.push(fresh);
        requests.push(fresh);
      }
    }
    const createdBefore = sandbox.created.length;
    const started = Date.now();
    const answers = await pool(requests, 20, (r) =>
      createThrough((servers[r.instance] as ServerProcess).url, r.key, body),
    );
    const seconds = (Date.now() - started) / 1000;
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    const tokenOf = new Map<string, string>();
    for (const answer of answers) {
      const tokenId = answer.body?.tokenId as string;
      assert.equal(tokenOf.get(answer.key) ?? tokenId, tokenId, 'one token per key');
      tokenOf.set(answer.key, tokenId);
    }
    assert.equal(tokenOf.size, keys.length);
    assert.equal(sandbox.created.length - createdBefore, keys.length, 'exactly one upstream create per key');
    assert.equal(answers.filter((a) => a.replayed).length, requests.length - keys.length);
    t.diagnostic(
      `${requests.length} creates (${keys.length} keys, ${requests.length - keys.length} reused on another instance) ` +
        `in ${seconds.toFixed(1)} s (${(requests.length / seconds).toFixed(0)}/s): ${sandbox.created.length - createdBefore} upstream tokens`,
    );
  });

  test('100 subscribers over three instances on one token: one upstream poller, everyone told within a second', async (t) => {
    const created = await createThrough(
      (servers[0] as ServerProcess).url,
      `sse-${randomUUID()}`,
      paymentFormBody(),
    );
    const { tokenId, clientSecret } = created.body as { tokenId: string; clientSecret: string };
    const connected = new Set<number>();
    const activeAt: number[] = [];
    const streams = Array.from({ length: 100 }, async (_, i) => {
      const server = servers[i % 3] as ServerProcess;
      const response = await fetch(`${server.url}/api/network-tokens/${tokenId}/events`, {
        headers: { authorization: `Bearer ${clientSecret}` },
      });
      const sse = readSse(response);
      await sse.until((events) => events.length > 0, 30_000);
      connected.add(i);
      await sse.until((events) => events.some((e) => e.data.includes('"ACTIVE"')), 60_000);
      activeAt.push(Date.now());
      await sse.ended;
    });
    await eventually(() => connected.size === 100, 30_000, '100 subscribers connected');
    const since = new Date().toISOString();
    await sandbox.submitCard(tokenId, SLOW_CARD);
    await Promise.all(streams);
    const spreadMs = Math.max(...activeAt) - Math.min(...activeAt);
    assert.equal(activeAt.length, 100);
    assert.ok(spreadMs < 1_000, `the last subscriber heard ACTIVE ${spreadMs} ms after the first`);
    // Who asked SmartPay about the token after the card was submitted: one instance only.
    const pollers = servers.filter((s) =>
      s.logs.some(
        (l) =>
          l.event === 'smartpay.attempt' &&
          l.operation === 'getToken' &&
          (l.time as string) > since &&
          JSON.stringify(l).includes(tokenId),
      ),
    );
    const reads = servers.flatMap((s) =>
      s.logs.filter(
        (l) => l.event === 'smartpay.attempt' && l.operation === 'getToken' && (l.time as string) > since,
      ),
    ).length;
    assert.equal(pollers.length, 1, 'one upstream poller');
    t.diagnostic(
      `100 subscribers (34/33/33): ${reads} upstream reads from 1 instance while provisioning; ACTIVE reached all within ${spreadMs} ms`,
    );
  });

  test('an instance killed while its tokens provision: another takes over within the lease, all reach ACTIVE', async (t) => {
    const [entry] = servers as [ServerProcess];
    const tokens = await pool(
      Array.from({ length: 30 }, (_, i) => i),
      10,
      async () => {
        const created = await createThrough(entry.url, `kill-${randomUUID()}`, paymentFormBody());
        return created.body as { tokenId: string; clientSecret: string };
      },
    );
    await Promise.all(tokens.map((token) => sandbox.submitCard(token.tokenId, SLOW_CARD)));
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past freshForMs
    for (const { tokenId, clientSecret } of tokens) {
      const read = await fetch(`${entry.url}/api/network-tokens/${tokenId}`, {
        headers: { authorization: `Bearer ${clientSecret}` },
      });
      assert.equal(((await read.json()) as { status: string }).status, 'PROVISIONING');
    }
    const ids = tokens.map((token) => token.tokenId);
    const leases = async () =>
      schema.query<{ token_id: string; holder: string }>(
        'SELECT token_id, holder FROM watch_leases WHERE token_id = ANY($1)',
        [ids],
      );
    await eventually(async () => (await leases()).length === ids.length, 10_000, 'every token followed');
    const held = await leases();
    const counts = servers.map((s) => held.filter((l) => l.holder === s.instance).length);
    const victim = servers[counts.indexOf(Math.max(...counts))] as ServerProcess;
    const orphaned = held.filter((l) => l.holder === victim.instance).map((l) => l.token_id);
    await victim.kill9();
    const killedAt = Date.now();
    servers = servers.filter((s) => s !== victim);

    const takeoverMs = await eventually(
      async () => {
        const now = await leases();
        const final = await schema.query<{ token_id: string }>(
          `SELECT token_id FROM tokens WHERE token_id = ANY($1) AND status = 'ACTIVE'`,
          [orphaned],
        );
        return orphaned.every(
          (id) =>
            final.some((f) => f.token_id === id) ||
            now.some((l) => l.token_id === id && l.holder !== victim.instance),
        );
      },
      LEASE_MS * 3,
      'the dead instance’s tokens taken over',
    );
    const settledMs = await eventually(
      async () =>
        (
          await schema.query(
            `SELECT 1 FROM tokens WHERE token_id = ANY($1) AND status = 'ACTIVE' AND final_hook_ran_at IS NOT NULL`,
            [ids],
          )
        ).length === ids.length,
      30_000,
      'every token ACTIVE with onFinalStatus run',
    );
    // The lease runs out at most LEASE_MS after the kill; sweeps look every quarter lease; the rest is
    // slack for a busy machine.
    assert.ok(takeoverMs <= LEASE_MS * 2, `taken over after ${takeoverMs} ms (lease ${LEASE_MS} ms)`);
    t.diagnostic(
      `killed the instance polling ${orphaned.length} of 30 provisioning tokens (${counts.join('/')}): ` +
        `taken over ${takeoverMs} ms after the kill (lease ${LEASE_MS} ms); all 30 ACTIVE and settled ` +
        `${Date.now() - killedAt} ms after the kill (${settledMs} ms after the take-over)`,
    );
  });
});
