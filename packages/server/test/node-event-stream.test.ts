/**
 * Event streams written straight to Node's response: the writer on its own (a fake response, fake
 * timers for the shared heartbeat), and the app on a real socket, where its answers must be the
 * ones `app.request` gives (same head, same bytes), with caps, idle close, resume and release.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, beforeEach, describe, mock, test } from 'node:test';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { createJsonLogger, createNodeListener, loadConfig } from '../src/index.ts';
import {
  MAX_UNREAD_BYTES,
  NodeEventStream,
  type NodeResponse,
  nodeEventStreamHeads,
  nodeResponseOf,
} from '../src/tokens/node-event-stream.ts';
import { StatusStream } from '../src/tokens/status-stream.ts';
import { createStreamLimits } from '../src/tokens/stream-limits.ts';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness, waitFor } from './helpers/harness.ts';
import { readSse, statuses } from './helpers/sse.ts';

/** A Node response that records what is written to it; `unread` is what the browser has not taken. */
class FakeResponse extends EventEmitter implements NodeResponse {
  readonly written: string[] = [];
  head: { status: number; headers: OutgoingHttpHeaders } | undefined;
  ended = false;
  destroyed = false;
  unread = 0;
  get writableLength() {
    return this.unread;
  }
  writeHead(status: number, headers: OutgoingHttpHeaders) {
    this.head = { status, headers };
  }
  write(chunk: string) {
    this.written.push(chunk);
    this.unread += chunk.length;
    return true;
  }
  end() {
    this.ended = true;
  }
  flushHeaders() {}
  destroy() {
    this.destroyed = true;
    queueMicrotask(() => this.emit('close'));
  }
}

describe('NodeEventStream', () => {
  test('what is sent before the head waits for it; after, it goes straight out', () => {
    const response = new FakeResponse();
    const stream = new NodeEventStream(response, () => assert.fail('not cancelled'));
    stream.send('status', { status: 'PENDING_PAYMENT_FORM' }, 'PENDING_PAYMENT_FORM');
    stream.comment('heartbeat');
    assert.deepEqual(response.written, []);
    const headBefore = response.head;
    assert.equal(headBefore, undefined);
    stream.begin(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    assert.equal(response.head?.status, 200);
    assert.deepEqual(response.written, [
      'id: PENDING_PAYMENT_FORM\nevent: status\ndata: {"status":"PENDING_PAYMENT_FORM"}\n\n: heartbeat\n\n',
    ]);
    stream.retry(1_000.4);
    assert.equal(response.written.at(-1), 'retry: 1000\n\n');
    assert.equal(response.ended, false);
    stream.close();
    assert.ok(response.ended && stream.closed);
    stream.comment('too late');
    assert.equal(response.written.length, 2, 'nothing after the end');
    response.emit('close'); // the end of a finished answer is no cancel
  });

  test('closed before the head: the head, what was sent, then the end', () => {
    const response = new FakeResponse();
    const stream = new NodeEventStream(response, () => assert.fail('not cancelled'));
    stream.send('status', { status: 'ACTIVE' }, 'ACTIVE');
    stream.close();
    assert.equal(response.ended, false, 'no end before the head');
    stream.begin(200, {});
    assert.equal(response.written.length, 1);
    assert.ok(response.ended);
  });

  test('the browser leaving cancels once; an abandoned stream writes nothing and cancels once', () => {
    const response = new FakeResponse();
    let cancels = 0;
    const stream = new NodeEventStream(response, () => cancels++);
    stream.begin(200, {});
    response.emit('close');
    response.emit('close');
    assert.equal(cancels, 1);
    assert.ok(stream.closed);
    stream.comment('heartbeat');
    assert.deepEqual(response.written, []);

    const other = new FakeResponse();
    let otherCancels = 0;
    const abandoned = new NodeEventStream(other, () => otherCancels++);
    abandoned.send('status', {});
    abandoned.abandon();
    other.emit('close'); // the error answer node-server wrote instead
    assert.equal(otherCancels, 1);
    assert.equal(other.head, undefined);
    assert.deepEqual(other.written, []);
    assert.equal(other.ended, false, 'node-server ends the error answer, not the stream');
  });

  test('a browser gone before the stream listened is cancelled at the head, once', () => {
    const response = new FakeResponse();
    response.destroyed = true; // its `close` was before the stream existed
    let cancels = 0;
    const stream = new NodeEventStream(response, () => cancels++);
    stream.send('status', {});
    stream.begin(200, {});
    response.emit('close');
    assert.equal(cancels, 1);
    assert.ok(stream.closed);
    assert.equal(response.head, undefined);
    assert.deepEqual(response.written, []);
  });

  test('a browser that leaves more than MAX_UNREAD_BYTES unread is cut off', async () => {
    const response = new FakeResponse();
    let cancels = 0;
    const stream = new NodeEventStream(response, () => cancels++);
    stream.begin(200, {});
    const big = 'x'.repeat(1_000);
    for (let i = 0; i * 1_000 < MAX_UNREAD_BYTES - 2_000; i++) stream.send('status', big);
    assert.equal(response.destroyed, false, 'under the limit it stays');
    stream.send('status', big);
    stream.send('status', big);
    assert.equal(response.destroyed, true);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(cancels, 1);
    assert.ok(stream.closed);
  });
});

describe('the shared heartbeat timer, writing to Node responses (fake clock)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  test('every open stream gets a heartbeat each beat; an idle one gets a retry hint and its end', () => {
    const limits = createStreamLimits({
      maxStreams: 10,
      maxPerClient: 10,
      maxPerToken: 10,
      heartbeatMs: 1_000,
      idleMs: 2_500,
    });
    const logs: string[] = [];
    const logger = createJsonLogger({ sink: (line) => logs.push(line), level: 'info' });
    const open = (tokenId: string) => {
      const response = new FakeResponse();
      const status = new StatusStream({ tokenId, logger, requestId: 'req-1', lastStatus: undefined });
      const stream = new NodeEventStream(response, status.cancelled);
      status.attach(stream);
      const admission = limits.admit('a', tokenId, status);
      assert.ok(admission.admitted);
      status.admitted(admission);
      stream.begin(200, {});
      return { response, status };
    };
    const quiet = open('t1');
    const busy = open('t2');
    mock.timers.tick(1_000);
    mock.timers.tick(1_000);
    assert.deepEqual(quiet.response.written, [': heartbeat\n\n', ': heartbeat\n\n']);
    busy.status.sendStatus({ tokenId: 't2', status: 'PROVISIONING' } as never);
    mock.timers.tick(1_000); // 3 s: t1 has been quiet for 2.5 s
    assert.deepEqual(quiet.response.written.slice(2), ['retry: 1000\n\n']);
    assert.ok(quiet.response.ended);
    assert.equal(busy.response.written.at(-1), ': heartbeat\n\n');
    assert.equal(limits.open, 1);
    assert.equal(logs.filter((l) => l.includes('"event":"sse.closed"')).length, 1);
    mock.timers.tick(1_000);
    assert.equal(quiet.response.written.length, 3, 'nothing more for the closed one');
    limits.close();
  });
});

/** The harness's app on a real socket (as `serve` runs it); the URL of its token API. */
async function listening(harness: ReturnType<typeof startHarness>, how: 'serve' | 'listener' = 'serve') {
  let server: Server;
  if (how === 'serve') {
    server = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise((resolve) => server.once('listening', resolve));
  } else {
    server = createServer(createNodeListener(harness.app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  after(() => new Promise((resolve) => server.close(resolve)));
  after(() => server.closeAllConnections());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/network-tokens`;
}

const newToken = async (harness: ReturnType<typeof startHarness>) =>
  body<{ tokenId: string; clientSecret: string }>(await harness.create(paymentFormBody()));

describe('nodeEventStreamHeads', () => {
  test('writes the head of an answer no other middleware touched, and node-server leaves it alone', async () => {
    const app = new Hono();
    app.use(nodeEventStreamHeads());
    app.get('/stream', (c) => {
      const outgoing = nodeResponseOf(c);
      assert.ok(outgoing, 'on Node, the response is there');
      const stream = new NodeEventStream(outgoing, () => {});
      stream.send('status', { status: 'ACTIVE' }, 'ACTIVE');
      setTimeout(() => {
        stream.comment('later');
        stream.close();
      }, 30);
      return c.body(null, 200, { 'content-type': 'text/event-stream', 'x-extra': 'kept' });
    });
    app.get('/refused', (c) => {
      const outgoing = nodeResponseOf(c);
      assert.ok(outgoing);
      new NodeEventStream(outgoing, () => {}).send('status', {});
      return c.json({ error: 'no' }, 429);
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise((resolve) => server.once('listening', resolve));
    after(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const streamed = await fetch(`${base}/stream`);
    assert.equal(streamed.status, 200);
    assert.equal(streamed.headers.get('x-extra'), 'kept');
    assert.equal(streamed.headers.get('x-hono-already-sent'), null);
    const text = 'id: ACTIVE\nevent: status\ndata: {"status":"ACTIVE"}\n\n: later\n\n';
    assert.equal(await streamed.text(), text);
    const refused = await fetch(`${base}/refused`);
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), { error: 'no' }, 'the stream wrote nothing of its own');
  });
});

/** Headers Node adds on the wire to a streamed answer, which `app.request` does not have. */
const WIRE_ONLY = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

describe('event streams on a Node server', () => {
  const harness = startHarness({ maxStreams: 2 });
  after(() => harness.close());
  const origin = loadConfig({}).merchantOrigin;

  test('the same head and bytes as through app.request: CORS, security headers, request id', async () => {
    const base = await listening(harness);
    const begun = mock.method(NodeEventStream.prototype, 'begin');
    after(() => begun.mock.restore());
    const token = await newToken(harness);
    const headers = { authorization: `Bearer ${token.clientSecret}`, origin };
    const viaNode = await fetch(`${base}/${token.tokenId}/events`, { headers });
    const viaApp = await harness.app.request(`/api/network-tokens/${token.tokenId}/events`, { headers });
    assert.equal(viaNode.status, 200);
    assert.equal(begun.mock.callCount(), 1, 'on Node, the stream wrote its own head');
    const wire = new Map(viaNode.headers);
    const expected = new Map(viaApp.headers);
    assert.ok(expected.has('content-security-policy') && expected.has('access-control-allow-origin'));
    assert.equal(expected.get('cache-control'), 'no-store');
    for (const [name, value] of expected) {
      if (name === 'x-request-id') assert.match(wire.get(name) ?? '', /^[\w-]{8,}$/);
      else assert.equal(wire.get(name), value, name);
    }
    for (const name of wire.keys()) assert.ok(expected.has(name) || WIRE_ONLY.has(name), `extra ${name}`);
    const first = async (response: Response) => {
      const reader = response.body!.getReader();
      const { value } = await reader.read();
      await reader.cancel();
      return new TextDecoder().decode(value);
    };
    const [nodeText, appText] = [await first(viaNode), await first(viaApp)];
    assert.match(nodeText, /^id: PENDING_PAYMENT_FORM\nevent: status\ndata: \{/);
    assert.equal(nodeText, appText);
  });

  test('each change, then the end after a final status; a reconnect with Last-Event-ID skips what it had', async () => {
    const base = await listening(harness);
    const token = await newToken(harness);
    const headers = { authorization: `Bearer ${token.clientSecret}` };
    const sse = readSse(await fetch(`${base}/${token.tokenId}/events`, { headers }));
    await sse.until((e) => e.length === 1);
    await harness.forceStatus(token.tokenId, 'PROVISIONING');
    await sse.until((e) => e.length === 2);
    const again = readSse(
      await fetch(`${base}/${token.tokenId}/events`, {
        headers: { ...headers, 'last-event-id': 'PROVISIONING' },
      }),
    );
    await harness.forceStatus(token.tokenId, 'ACTIVE');
    await sse.ended;
    await again.ended;
    assert.deepEqual(statuses(sse.events), ['PENDING_PAYMENT_FORM', 'PROVISIONING', 'ACTIVE']);
    assert.deepEqual(statuses(again.events), ['ACTIVE']);
  });

  test('beyond the cap a JSON 429; a browser that leaves frees its place and is logged closed', async () => {
    const base = await listening(harness, 'listener');
    const tokens = [await newToken(harness), await newToken(harness), await newToken(harness)];
    const open = (token: { tokenId: string; clientSecret: string }) =>
      fetch(`${base}/${token.tokenId}/events`, {
        headers: { authorization: `Bearer ${token.clientSecret}` },
      });
    const [t0, t1, t2] = tokens as [(typeof tokens)[0], (typeof tokens)[0], (typeof tokens)[0]];
    const a = readSse(await open(t0));
    const b = readSse(await open(t1));
    await a.until((e) => e.length === 1);
    const refused = await open(t2);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '10');
    assert.equal((await body<{ error: { code: string } }>(refused)).error.code, 'rate_limited');
    await a.cancel();
    await waitFor(() =>
      harness.logs.some((l) => l.includes('"event":"sse.closed"') && l.includes(t0.tokenId)),
    );
    const c = readSse(await open(t2));
    await c.until((e) => e.length === 1);
    await b.cancel();
    await c.cancel();
  });
});

describe('event streams in Express 5', () => {
  const harness = startHarness();
  after(() => harness.close());

  test('under a prefix, after a global express.json(): written to the response, then ended by a final status', async () => {
    const shop = express();
    shop.use(express.json());
    shop.use('/smartpay', createNodeListener(harness.app));
    const server = createServer(shop);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    after(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/smartpay/api/network-tokens`;
    const begun = mock.method(NodeEventStream.prototype, 'begin');
    after(() => begun.mock.restore());
    const token = await newToken(harness);
    const response = await fetch(`${base}/${token.tokenId}/events`, {
      headers: { authorization: `Bearer ${token.clientSecret}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-accel-buffering'), 'no');
    assert.equal(begun.mock.callCount(), 1);
    const sse = readSse(response);
    await sse.until((e) => e.length === 1);
    await harness.forceStatus(token.tokenId, 'ERROR');
    await sse.ended;
    assert.deepEqual(statuses(sse.events), ['PENDING_PAYMENT_FORM', 'ERROR']);
  });
});

describe('idle event streams on a Node server', () => {
  const harness = startHarness({ streamIdleMs: 60, watch: { heartbeatMs: 20, waitingEveryMs: 10_000 } });
  after(() => harness.close());

  test('are closed with a retry hint after streamIdleMs without an event', async () => {
    const base = await listening(harness);
    const token = await newToken(harness);
    const response = await fetch(`${base}/${token.tokenId}/events`, {
      headers: { authorization: `Bearer ${token.clientSecret}` },
    });
    const text = await response.text(); // ends when the server closes it
    assert.match(text, /^id: PENDING_PAYMENT_FORM\nevent: status\n/);
    assert.match(text, /\n\n: heartbeat\n\n/);
    assert.match(text, /\nretry: 1000\n\n$/);
  });
});
