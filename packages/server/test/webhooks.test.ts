/**
 * Webhooks: Standard Webhooks signatures (checked with the `standardwebhooks` verifier itself),
 * the retry schedule on a fake clock, Retry-After, 410, and the whole loop through the app.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { WebhookEvent } from '@smartpay/contract';
import { Webhook } from 'standardwebhooks';
import {
  createWebhookWorker,
  MemoryTokenStore,
  type StoredToken,
  signWebhook,
  silentLogger,
  verifyWebhook,
  WEBHOOK_RETRY_SCHEDULE_MS,
} from '../src/index.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness, waitFor } from './helpers/harness.ts';
import { TOKEN } from './helpers/scripted-fetch.ts';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const ACCOUNT = '6f1c2a56-7d5e-4a43-9b53-4a1f0a0e8c11';
const RECEIVER = 'https://receiver.example/hooks';

describe('signatures', () => {
  const secret = newSecret();
  const body = JSON.stringify({ id: 'evt_1', hello: 'world' });
  const now = new Date();
  const headers = signWebhook([secret], 'evt_1', now, body);

  test('the standardwebhooks verifier accepts a delivery as signed', () => {
    assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
    assert.match(headers['webhook-signature'], /^v1,[A-Za-z0-9+/]+=*$/);
    assert.equal(headers['webhook-timestamp'], String(Math.floor(now.getTime() / 1000)));
  });

  test('a changed body, id or timestamp fails, and so does one older than 5 minutes', () => {
    const verifier = new Webhook(secret);
    assert.throws(() => verifier.verify(`${body} `, { ...headers }));
    assert.throws(() => verifier.verify(body, { ...headers, 'webhook-id': 'evt_2' }));
    const later = String(Number(headers['webhook-timestamp']) + 1);
    assert.throws(() => verifier.verify(body, { ...headers, 'webhook-timestamp': later }));
    const old = new Date(Date.now() - 5 * 60_000 - 2_000);
    assert.throws(
      () => verifier.verify(body, { ...signWebhook([secret], 'evt_1', old, body) }),
      /timestamp/i,
    );
    const recent = new Date(Date.now() - 4 * 60_000);
    assert.doesNotThrow(() => verifier.verify(body, { ...signWebhook([secret], 'evt_1', recent, body) }));
    assert.throws(() => new Webhook(newSecret()).verify(body, { ...headers }), 'another secret');
  });

  test('during a rotation both secrets sign, and each verifies alone', () => {
    const next = newSecret();
    const both = signWebhook([secret, next], 'evt_1', now, body);
    assert.equal(both['webhook-signature'].split(' ').length, 2);
    assert.doesNotThrow(() => new Webhook(secret).verify(body, { ...both }));
    assert.doesNotThrow(() => new Webhook(next).verify(body, { ...both }));
  });

  test('verifyWebhook returns the typed event, from Headers or a plain object, and refuses a forgery', () => {
    const event: WebhookEvent = {
      id: 'evt_0123456789abcdef0123456789abcdef',
      type: 'network_token.active',
      createdAt: now.toISOString(),
      data: { tokenId: 't', accountReferenceId: ACCOUNT, status: 'ACTIVE', card: null },
    };
    const text = JSON.stringify(event);
    const signed = signWebhook([secret], event.id, new Date(), text);
    assert.deepEqual(verifyWebhook(secret, text, new Headers({ ...signed })), event);
    assert.deepEqual(
      verifyWebhook([newSecret(), secret], text, { ...signed }),
      event,
      'any secret of a list',
    );
    assert.throws(() => verifyWebhook(secret, text.replace('ACTIVE', 'ERROR'), { ...signed }));
    const otherId = signWebhook([secret], 'evt_other', new Date(), text);
    assert.throws(() => verifyWebhook(secret, text, { ...otherId }), /webhook-id/);
  });
});

/** A token of ACCOUNT with a final status read in full: causes created and active events. */
const activeToken = (tokenId: string): StoredToken => ({
  tokenId,
  accountReferenceId: ACCOUNT,
  token: {
    ...TOKEN,
    tokenId,
    status: 'ACTIVE',
    networkToken: { tokenNumber: '4895370012003478', tokenExpiryMonth: '12', tokenExpiryYear: '29' },
    tokenizedCardData: { brand: 'VISA', last4Digits: '1111', expiryMonth: '12', expiryYear: '29' },
  },
  fullView: true,
  checkedAt: 1,
  followSince: 1,
});

interface Call {
  at: number;
  body: string;
  headers: Headers;
}

/** A receiver answering from a script, recording when (on the fake clock) each delivery came. */
function receiver(answers: (Response | Error)[], clock: { now: number }) {
  const calls: Call[] = [];
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push({ at: clock.now, body: String(init?.body), headers: new Headers(init?.headers) });
    const answer = answers.shift() ?? new Response(null, { status: 204 });
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { calls, fetch: fetchImpl };
}

describe('delivery worker (fake clock)', () => {
  async function setUp(answers: (Response | Error)[]) {
    const store = new MemoryTokenStore();
    const secret = newSecret();
    await store.registerWebhookEndpoints([RECEIVER], Date.now());
    const clock = { now: 0 };
    const target = receiver(answers, clock);
    const worker = createWebhookWorker({
      store,
      endpoints: [{ url: RECEIVER, secrets: [secret] }],
      logger: silentLogger,
      fetch: target.fetch,
      now: () => clock.now,
    });
    return { store, secret, clock, worker, calls: target.calls };
  }

  /** Runs the worker at every moment something is due (and 1 ms before), up to `rounds` times. */
  async function runSchedule(setup: Awaited<ReturnType<typeof setUp>>, rounds: number) {
    for (let i = 0; i < rounds; i++) {
      const due = await setup.store.nextWebhookDueAt([RECEIVER]);
      if (due === undefined) return;
      setup.clock.now = due - 1;
      assert.equal(await setup.worker.runDue(), 0, 'nothing is sent before it is due');
      setup.clock.now = due;
      await setup.worker.runDue();
    }
  }

  test('a receiver failing 3 times then succeeding gets the event exactly at the scheduled retries', async () => {
    const setup = await setUp([
      new Response('no', { status: 500 }),
      new Error('connection refused'),
      new Response(null, { status: 503 }),
      new Response(null, { status: 200 }),
    ]);
    const start = Date.now();
    await setup.store.putToken({ ...activeToken('tok-retry'), fullView: false }, start);
    await runSchedule(setup, 10);
    const [first, second, third, fourth] = WEBHOOK_RETRY_SCHEDULE_MS;
    assert.deepEqual(
      setup.calls.map((call) => call.at - start),
      [first, first! + second!, first! + second! + third!, first! + second! + third! + fourth!],
      'at once, 5 s, 5 min and 30 min later',
    );
    assert.deepEqual(
      [0, 5_000, 305_000, 2_105_000],
      setup.calls.map((call) => call.at - start),
    );
    const ids = new Set(setup.calls.map((call) => call.headers.get('webhook-id')));
    assert.equal(ids.size, 1, 'the same webhook-id on every attempt');
    const [event] = await setup.store.listWebhookEvents(0, 10);
    const [record] = await setup.store.webhookEventRecords([event!.id]);
    assert.deepEqual(
      record?.attempts.map((a) => [a.attempt, a.httpStatus, a.error]),
      [
        [1, 500, 'HTTP 500'],
        [2, null, 'request failed (Error)'],
        [3, 503, 'HTTP 503'],
        [4, 200, null],
      ],
    );
    assert.equal(record?.deliveries[0]?.state, 'delivered');
    assert.equal(await setup.store.nextWebhookDueAt([RECEIVER]), undefined, 'nothing left to send');
  });

  test('after the whole schedule fails, the delivery has failed: 10 attempts over about 3 days', async () => {
    const setup = await setUp(Array.from({ length: 12 }, () => new Response(null, { status: 500 })));
    const start = Date.now();
    await setup.store.putToken({ ...activeToken('tok-fail'), fullView: false }, start);
    await runSchedule(setup, 20);
    assert.equal(setup.calls.length, WEBHOOK_RETRY_SCHEDULE_MS.length);
    const total = WEBHOOK_RETRY_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0);
    assert.equal(setup.calls.at(-1)!.at - start, total);
    const [event] = await setup.store.listWebhookEvents(0, 1);
    const [record] = await setup.store.webhookEventRecords([event!.id]);
    assert.equal(record?.deliveries[0]?.state, 'failed');
  });

  test('Retry-After later than the schedule is honoured', async () => {
    const setup = await setUp([new Response(null, { status: 429, headers: { 'retry-after': '120' } })]);
    const start = Date.now();
    await setup.store.putToken({ ...activeToken('tok-later'), fullView: false }, start);
    await runSchedule(setup, 3);
    assert.deepEqual(
      setup.calls.map((call) => call.at - start),
      [0, 120_000],
    );
  });

  test('410 Gone disables the endpoint: nothing more is sent to it', async () => {
    const setup = await setUp([new Response(null, { status: 410 })]);
    await setup.store.putToken(activeToken('tok-gone'), Date.now());
    setup.clock.now = Date.now() + 1;
    await setup.worker.runDue();
    assert.equal(setup.calls.length, 1, 'created sent once, then the endpoint is off');
    await setup.store.putToken(activeToken('tok-gone-2'), Date.now());
    setup.clock.now = Date.now() + 10 * 86_400_000;
    assert.equal(await setup.worker.runDue(), 0);
    assert.equal(await setup.store.nextWebhookDueAt([RECEIVER]), undefined);
  });

  test('a running worker registers its endpoints as it starts and again every hour (the store retires those none registers)', async () => {
    const setup = await setUp([]);
    const registered: number[] = [];
    const register = setup.store.registerWebhookEndpoints.bind(setup.store);
    setup.store.registerWebhookEndpoints = (urls, now) => {
      registered.push(now);
      return register(urls, now);
    };
    setup.clock.now = 1_000;
    setup.worker.start();
    await waitFor(() => registered.length === 1);
    setup.clock.now += 60 * 60_000 - 1;
    await setup.worker.runDue();
    assert.deepEqual(registered, [1_000], 'not before an hour has passed');
    setup.clock.now += 1;
    await setup.worker.runDue();
    assert.deepEqual(registered, [1_000, 1_000 + 60 * 60_000]);
    await setup.worker.close();
  });

  test('one token’s events arrive in order; the body is the event without the token number', async () => {
    const setup = await setUp([]);
    const start = Date.now();
    await setup.store.putToken(activeToken('tok-order'), start);
    setup.clock.now = start;
    assert.equal(await setup.worker.runDue(), 2);
    const events = setup.calls.map((call) => JSON.parse(call.body) as WebhookEvent);
    assert.deepEqual(
      events.map((event) => event.type),
      ['network_token.created', 'network_token.active'],
    );
    assert.deepEqual(events[1]?.data, {
      tokenId: 'tok-order',
      accountReferenceId: ACCOUNT,
      status: 'ACTIVE',
      card: { brand: 'VISA', last4: '1111', expiryMonth: '12', expiryYear: '29' },
    });
    assert.equal(
      setup.calls.some((call) => call.body.includes('4895370012003478')),
      false,
    );
    for (const call of setup.calls) {
      assert.equal(call.headers.get('content-type'), 'application/json');
      assert.doesNotThrow(() => verifyWebhook(setup.secret, call.body, call.headers));
    }
  });
});

describe('webhooks through the app', () => {
  const secret = newSecret();
  const received: WebhookEvent[] = [];
  const harness = startHarness({
    webhooks: {
      endpoints: [{ url: RECEIVER, secrets: [secret] }],
      fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
        received.push(verifyWebhook(secret, String(init?.body), new Headers(init?.headers)));
        return new Response(null, { status: 204 });
      }) as typeof fetch,
    },
  });
  after(() => harness.close());

  test('a saved card and a declined one: created, then active or failed, signed, at once', async () => {
    const saved = await body<{ tokenId: string; clientSecret: string }>(
      await harness.create(paymentFormBody()),
    );
    const declined = await body<{ tokenId: string; clientSecret: string }>(
      await harness.create(paymentFormBody()),
    );
    await harness.forceStatus(saved.tokenId, 'ACTIVE');
    await harness.forceStatus(declined.tokenId, 'ERROR');
    await new Promise((resolve) => setTimeout(resolve, 15)); // past freshForMs
    await harness.read(saved.tokenId, saved.clientSecret);
    await harness.read(declined.tokenId, declined.clientSecret);
    await waitFor(() => received.length >= 4);
    const of = (tokenId: string) => received.filter((e) => e.data.tokenId === tokenId).map((e) => e.type);
    assert.deepEqual(of(saved.tokenId), ['network_token.created', 'network_token.active']);
    assert.deepEqual(of(declined.tokenId), ['network_token.created', 'network_token.failed']);
    const active = received.find((e) => e.type === 'network_token.active');
    assert.equal(active?.data.card?.last4.length, 4);
    assert.equal(new Set(received.map((e) => e.id)).size, received.length, 'no duplicates');
  });
});
