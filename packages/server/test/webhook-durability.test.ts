/**
 * Webhooks through real server processes: a receiver that is down while the server is killed
 * (`kill -9`) and restarted still gets every event (the outbox is in the database), and three
 * instances on one PostgreSQL deliver each event once when the receiver answers 2xx at once.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { WebhookEvent } from '@smartpay/contract';
import { verifyWebhook } from '../src/index.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { createPgliteDataDir, createTestSchema, TEST_KEY_A } from './helpers/databases.ts';
import {
  createThrough,
  eventually,
  pool,
  type ServerProcess,
  serverEnv,
  startCountingSandbox,
  startServer,
} from './helpers/processes.ts';

/** Mastercard, ACTIVE 60 s after the card is accepted: 3 s at this time scale. */
const SLOW_CARD = '5105 1051 0510 5100';
const TIME_SCALE = 0.05;

interface Receiver {
  readonly url: string;
  /** false: takes deliveries and never answers, as a receiver that hangs. */
  up: boolean;
  /** Deliveries taken while down. */
  readonly hungAttempts: number;
  /** Every verified delivery, duplicates included. */
  readonly delivered: WebhookEvent[];
  close(): Promise<void>;
}

async function startReceiver(secret: string): Promise<Receiver> {
  const delivered: WebhookEvent[] = [];
  let hungAttempts = 0;
  const state = { up: true };
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request) => {
      const body = await request.text();
      if (!state.up) {
        hungAttempts++;
        return new Promise<Response>(() => {});
      }
      delivered.push(verifyWebhook(secret, body, request.headers));
      return new Response(null, { status: 204 });
    },
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    get up() {
      return state.up;
    },
    set up(value: boolean) {
      state.up = value;
    },
    get hungAttempts() {
      return hungAttempts;
    },
    delivered,
    async close() {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const uniqueIds = (events: readonly WebhookEvent[]) => new Set(events.map((event) => event.id));

describe('webhooks survive kill -9 and scale out', { timeout: 240_000 }, () => {
  test('a receiver hanging during a kill -9 and restart still gets every event after it (PGlite)', async (t) => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const receiver = await startReceiver(secret);
    const sandbox = await startCountingSandbox(TIME_SCALE);
    const dir = await createPgliteDataDir();
    const env = serverEnv(sandbox.url, {
      DATA_DIR: dir.path,
      TOKEN_ENCRYPTION_KEYS: TEST_KEY_A,
      LEASE_MS: '2000',
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: secret,
    });
    let server: ServerProcess | undefined;
    try {
      receiver.up = false;
      server = await startServer(env);
      const tokenIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        const answer = await createThrough(server.url, `durable-${randomUUID()}`, paymentFormBody());
        assert.equal(answer.status, 201);
        tokenIds.push(answer.body?.tokenId as string);
        await sandbox.submitCard(answer.body?.tokenId as string, SLOW_CARD);
      }
      // The first delivery hangs (its 15 s timeout has not passed): the process dies in the middle.
      await eventually(() => receiver.hungAttempts > 0, 15_000, 'a first attempt');
      await server.kill9();
      receiver.up = true;
      server = await startServer(env);
      const took = await eventually(
        () => uniqueIds(receiver.delivered).size >= tokenIds.length * 2,
        60_000,
        'created and active for every token',
      );
      for (const tokenId of tokenIds) {
        const types = receiver.delivered.filter((e) => e.data.tokenId === tokenId).map((e) => e.type);
        assert.deepEqual([...new Set(types)].sort(), ['network_token.active', 'network_token.created']);
      }
      const duplicates = receiver.delivered.length - uniqueIds(receiver.delivered).size;
      t.diagnostic(
        `${tokenIds.length * 2} events delivered ${took} ms after the restart; ${receiver.hungAttempts} attempts hung before it; ${duplicates} duplicates`,
      );
    } finally {
      await server?.stop();
      await sandbox.close();
      await receiver.close();
      dir.remove();
    }
  });

  test('three instances on one PostgreSQL deliver each event once', async (t) => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const receiver = await startReceiver(secret);
    const sandbox = await startCountingSandbox(TIME_SCALE);
    const schema = await createTestSchema();
    const env = serverEnv(sandbox.url, {
      DATABASE_URL: schema.url,
      TOKEN_ENCRYPTION_KEYS: TEST_KEY_A,
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: secret,
    });
    const servers: ServerProcess[] = [];
    try {
      for (let i = 0; i < 3; i++) servers.push(await startServer(env));
      const creates = 45;
      const answers = await pool(
        Array.from({ length: creates }, (_, i) => i),
        9,
        (i) =>
          createThrough((servers[i % 3] as ServerProcess).url, `scale-${randomUUID()}`, paymentFormBody()),
      );
      assert.ok(answers.every((answer) => answer.status === 201));
      await eventually(() => uniqueIds(receiver.delivered).size >= creates, 30_000, 'every created event');
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // room for a duplicate to show up
      assert.equal(receiver.delivered.length, creates, 'each event delivered once');
      const senders = servers.map(
        (server) => server.logs.filter((line) => line.event === 'webhook.delivered').length,
      );
      assert.equal(
        senders.reduce((sum, count) => sum + count, 0),
        creates,
      );
      t.diagnostic(`deliveries per instance: ${senders.join(', ')}`);
    } finally {
      for (const server of servers) await server.stop();
      await sandbox.close();
      await receiver.close();
      await schema.drop();
    }
  });
});
