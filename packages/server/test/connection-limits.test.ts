/** The Node server's connection cap and timeouts, over real sockets. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { capConnections, connectionOptions } from '../src/connection-limits.ts';

/** Resolves with what the server sent before it closed the socket, and how long it took. */
function untilClosed(socket: Socket): Promise<{ text: string; ms: number }> {
  const started = Date.now();
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  return new Promise((resolve) => socket.on('close', () => resolve({ text, ms: Date.now() - started })));
}

describe('connection limits', () => {
  let server: Server;
  let port = 0;
  const open = () =>
    new Promise<Socket>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', () => {});
    });

  before(async () => {
    const limits = {
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      keepAliveTimeoutMs: 200,
      maxConnections: 3,
    };
    server = createServer(connectionOptions(limits), (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    capConnections(server, limits);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => server.close());

  test('headers that never end: 408 and closed after headersTimeout, not 60 s', async () => {
    const socket = await open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const { text, ms } = await untilClosed(socket);
    assert.match(text, /^HTTP\/1\.1 408/);
    assert.ok(ms < 5_000, `${ms} ms`);
  });

  test('a body that trickles: 408 and closed after requestTimeout, not 300 s', async () => {
    const socket = await open();
    socket.write('POST /api/network-tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":');
    const { text, ms } = await untilClosed(socket);
    assert.match(text, /^HTTP\/1\.1 408/);
    assert.ok(ms < 5_000, `${ms} ms`);
  });

  test('an idle keep-alive connection is closed after keepAliveTimeout', async () => {
    const socket = await open();
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const { text, ms } = await untilClosed(socket);
    assert.match(text, /^HTTP\/1\.1 200/);
    assert.ok(ms < 3_000, `${ms} ms`);
  });

  test('beyond maxConnections a new connection is closed at once; the ones held go on', async () => {
    const held = [await open(), await open(), await open()];
    const extra = await open();
    const { text } = await untilClosed(extra);
    assert.equal(text, '');
    const first = held[0] as Socket;
    const answered = new Promise<string>((resolve) =>
      first.once('data', (chunk) => resolve(chunk.toString())),
    );
    first.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await answered, /^HTTP\/1\.1 200/);
    for (const socket of held) socket.destroy();
  });
});
