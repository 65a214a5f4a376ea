/**
 * A shopper's connection that drops in the middle of a request body: a 4xx in the log (the client's
 * fault), never `error.unexpected` with a 500, and nothing sent to SmartPay.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { createApp, createJsonLogger, loadConfig } from '../src/index.ts';
import { SERVER_KEY } from './helpers/harness.ts';

const logs: { event: string; status?: number; path?: string }[] = [];
let server: ReturnType<typeof serve>;
let port: number;

before(async () => {
  const app = createApp({
    // Nothing listens there: a request that reached SmartPay would fail with 502, not 400.
    ...loadConfig({ SMARTPAY_BASE_URL: 'http://127.0.0.1:9' }),
    clientSecretKey: SERVER_KEY,
    logger: createJsonLogger({ sink: (line) => logs.push(JSON.parse(line)), level: 'debug' }),
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise((resolve) => server.close(resolve)));

/** Sends the head and part of a body, then drops the connection; resolves once the server logged it. */
async function dropMidBody(head: string, part: string): Promise<{ event: string; status?: number }[]> {
  const before = logs.length;
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(head + part);
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
  const deadline = Date.now() + 5_000;
  while (!logs.slice(before).some((l) => l.event === 'http.request') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return logs.slice(before);
}

const head = (framing: string) =>
  'POST /api/network-tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
  `Idempotency-Key: dropped-${Date.now()}\r\n${framing}\r\n`;

describe('an upload that never finishes', () => {
  test('with Content-Length: logged as a 400, not error.unexpected', async () => {
    const lines = await dropMidBody(head('Content-Length: 500\r\n'), '{"consumer":{"firstName"');
    assert.deepEqual(
      lines.filter((l) => l.event === 'error.unexpected'),
      [],
    );
    assert.deepEqual(
      lines.filter((l) => l.event === 'http.request').map((l) => l.status),
      [400],
    );
  });

  test('chunked: logged as a 400, not error.unexpected', async () => {
    const lines = await dropMidBody(head('Transfer-Encoding: chunked\r\n'), '10\r\n{"consumer":{"fi');
    assert.deepEqual(
      lines.filter((l) => l.event === 'error.unexpected'),
      [],
    );
    assert.deepEqual(
      lines.filter((l) => l.event === 'http.request').map((l) => l.status),
      [400],
    );
  });
});
