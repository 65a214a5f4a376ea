import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { FakeServer, json } from '../test/fake-server.js';
import type { PublicToken } from '../types.js';
import { followStatus } from './status-follower.js';
import { timing } from './timing.js';

/** The follower on a fake clock: every wait (backoff, stall, retry hint, hidden page) is ticked by hand. */
describe('the status follower', () => {
  const DEFAULTS = { ...timing };
  let server: FakeServer;
  let clock: sinon.SinonFakeTimers;
  let controller: AbortController;
  let seen: string[];
  let settled: 'resolved' | 'rejected' | undefined;

  const CARD = { brand: 'VISA', last4: '1111', expiryMonth: '12', expiryYear: '2030' };
  const streams = () => server.to('/api/network-tokens/tok_1/events');
  const polls = () => server.to('/api/network-tokens/tok_1', 'GET');
  /** Lets promises and stream reads run, without moving the clock. */
  const flush = () => clock.tickAsync(0);

  function follow(): void {
    controller = new AbortController();
    seen = [];
    settled = undefined;
    void followStatus({
      endpoint: '',
      tokenId: 'tok_1',
      clientSecret: 'secret_tok_1',
      signal: controller.signal,
      onToken: (token: PublicToken) => seen.push(token.card ? `${token.status}+card` : token.status),
    }).then(
      () => (settled = 'resolved'),
      () => (settled = 'rejected'),
    );
  }

  /** Follows on a stream that sends only what the test writes to it; returns that stream. */
  async function followQuietStream() {
    server.sendOnConnect = false;
    follow();
    await flush();
    return server.lastStream()!;
  }

  beforeEach(() => {
    Object.assign(timing, DEFAULTS);
    // No jitter: backoff(n) is exactly retryBase * 2^n.
    sinon.stub(Math, 'random').returns(0.5);
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    server = new FakeServer().install();
    server.tokens.set('tok_1', { status: 'PENDING_PAYMENT_FORM', updatedAt: '' });
  });

  afterEach(async () => {
    controller.abort();
    await flush();
    server.restore();
    clock.restore();
    sinon.restore();
  });

  it('reads the stream with the client secret and stops at a final status, without polling', async () => {
    follow();
    await flush();
    expect(streams()).to.have.length(1);
    expect(streams()[0]!.headers.get('Authorization')).to.equal('Bearer secret_tok_1');
    expect(streams()[0]!.headers.has('Last-Event-ID')).to.be.false;
    server.setStatus('tok_1', 'PROVISIONING');
    server.setStatus('tok_1', 'ACTIVE');
    await flush();
    expect(seen).to.deep.equal(['PENDING_PAYMENT_FORM', 'PROVISIONING', 'ACTIVE+card']);
    expect(settled).to.equal('resolved');
    expect(polls()).to.have.length(0);
  });

  it('restarts a stream that goes silent (no byte, not even a heartbeat) after streamIdle', async () => {
    follow();
    await flush();
    await clock.tickAsync(timing.streamIdle - 1000);
    server.lastStream()!.heartbeat();
    await clock.tickAsync(timing.streamIdle - 1000);
    expect(streams(), 'a heartbeat keeps it alive').to.have.length(1);
    await clock.tickAsync(1000);
    expect(server.streams[0]!.closed, 'the silent stream is dropped').to.be.true;
    // It brought a status, so it reconnects after the first backoff step.
    await clock.tickAsync(timing.retryBase);
    expect(streams()).to.have.length(2);
  });

  it('reconnects after a drop with Last-Event-ID, after the delay the server asked for (retry:)', async () => {
    const first = await followQuietStream();
    first.raw('retry: 3000\n\n');
    first.raw(
      `id: 41\nevent: status\ndata: ${JSON.stringify({ ...server.publicToken('tok_1'), status: 'PROVISIONING' })}\n\n`,
    );
    await flush();
    first.fail();
    await clock.tickAsync(2999);
    expect(streams(), 'not before the delay asked for').to.have.length(1);
    await clock.tickAsync(1);
    expect(streams()).to.have.length(2);
    expect(streams()[1]!.headers.get('Last-Event-ID')).to.equal('41');
    expect(seen).to.deep.equal(['PROVISIONING']);
  });

  it('reads the stream as the HTML spec parses it: any line ending, split anywhere, comments, multi-line data', async () => {
    const stream = await followQuietStream();
    // CRLF split across chunks, a comment, one optional space after the colon.
    for (const chunk of ['event: sta', 'tus\r', '\ndata:{"status":"S1"}\r\n', ': heartbeat\r\n', '\r\n'])
      stream.raw(chunk);
    // Lone CRs; data lines joined with \n; only status events count (unnamed events are `message`).
    stream.raw('event: status\rdata: {"status":\rdata:  "S2"}\r\r');
    stream.raw('data: {"status":"S3"}\n\nevent: other\ndata: {"status":"S4"}\n\n');
    await flush();
    expect(seen).to.deep.equal(['S1', 'S2']);
    // An event cut off by the end of the stream is dropped; the connection brought statuses, so it
    // reconnects.
    stream.raw('event: status\ndata: {"status":"S5"}\n');
    stream.end();
    await clock.tickAsync(timing.retryBase);
    expect(seen).to.deep.equal(['S1', 'S2']);
    expect(streams()).to.have.length(2);
  });

  it('drops a connection whose line or event grows past 64 KB, and reconnects', async () => {
    const stream = await followQuietStream();
    stream.raw(`event: status\ndata: ${'x'.repeat(40000)}\n`);
    await flush();
    expect(stream.closed, 'under the bound').to.equal(false);
    stream.raw(`data: ${'x'.repeat(30000)}`);
    await flush();
    expect(stream.closed, 'past it').to.equal(true);
    await clock.tickAsync(timing.retryBase);
    expect(streams()).to.have.length(2);
  });

  it('resumes from the last event id: kept for the events after it, reset by an empty id, never with NUL', async () => {
    await followQuietStream();
    // A new status each time: the reconnection follows the first backoff step.
    const status = (n: number) => `event: status\ndata: {"status":"S${n}"}\n\n`;
    const ids = [];
    for (const text of [
      `id: 7\n${status(1)}${status(2)}id: 8\n`,
      `id: x\0y\n${status(3)}`,
      `id\n${status(4)}`,
    ]) {
      server.lastStream()!.raw(`retry: soon\n\n${text}`);
      await flush();
      server.lastStream()!.fail();
      // `retry: soon` is no delay: the usual backoff.
      await clock.tickAsync(timing.retryBase);
      ids.push(streams().at(-1)!.headers.get('Last-Event-ID'));
    }
    expect(ids).to.deep.equal(['7', '7', null]);
  });

  it('falls back to polling when two connections in a row bring no status, backing off while nothing changes', async () => {
    server.on('GET', /\/events$/, () => json({ error: { code: 'not_found' } }, 404));
    follow();
    await flush();
    expect(streams()).to.have.length(1);
    await clock.tickAsync(timing.retryBase);
    expect(streams()).to.have.length(2);
    // Streaming does not work here: poll soon (at 750 ms); the first status read is news, so the next
    // poll follows at once (1000 ms); then, as nothing changes, the wait doubles (1500, 2500 ms…).
    await clock.tickAsync(250);
    expect(polls()).to.have.length(1);
    await clock.tickAsync(250);
    expect(polls()).to.have.length(2);
    await clock.tickAsync(500);
    expect(polls()).to.have.length(3);
    await clock.tickAsync(999);
    expect(polls(), 'the wait doubles').to.have.length(3);
    await clock.tickAsync(1);
    expect(polls()).to.have.length(4);
    server.tokens.set('tok_1', { status: 'ACTIVE', updatedAt: '' });
    await clock.tickAsync(timing.retryBase * 4);
    expect(seen.at(-1)).to.equal('ACTIVE+card');
    expect(settled).to.equal('resolved');
    expect(streams(), 'no stream once polling').to.have.length(2);
  });

  it('never waits longer than pollMax between two reads', async () => {
    server.on('GET', /\/events$/, () => json({}, 404));
    follow();
    await clock.tickAsync(60_000);
    const count = polls().length;
    await clock.tickAsync(timing.pollMax);
    expect(polls().length).to.equal(count + 1);
  });

  it('switches to polling when the server gives up streaming (event: timeout)', async () => {
    follow();
    await flush();
    server.lastStream()!.timeout();
    await clock.tickAsync(timing.retryBase);
    expect(polls()).to.have.length(1);
  });

  it('does not poll a hidden page, and polls at once when it is shown again', async () => {
    server.on('GET', /\/events$/, () => json({}, 404));
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    let isHidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    try {
      follow();
      await clock.tickAsync(timing.retryBase * 3);
      const before = polls().length;
      expect(before).to.be.at.least(1);
      isHidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await clock.tickAsync(10 * 60_000);
      expect(polls(), 'nothing while hidden').to.have.length(before);
      isHidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await flush();
      expect(polls(), 'at once when shown').to.have.length(before + 1);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      Object.defineProperty(Document.prototype, 'hidden', hidden);
    }
  });

  it('stops when aborted while the page is hidden', async () => {
    server.on('GET', /\/events$/, () => json({}, 404));
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      follow();
      await clock.tickAsync(timing.retryBase * 3);
      const before = polls().length;
      controller.abort();
      await flush();
      expect(settled, 'ended, without spinning').to.equal('resolved');
      await clock.tickAsync(10 * 60_000);
      expect(polls()).to.have.length(before);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      Object.defineProperty(Document.prototype, 'hidden', hidden);
    }
  });

  it('keeps following an ACTIVE token until its card is known, which the page is told', async () => {
    server.on('GET', /\/events$/, () => json({}, 404));
    server.card = undefined;
    server.tokens.set('tok_1', { status: 'ACTIVE', updatedAt: '' });
    follow();
    await clock.tickAsync(timing.retryBase * 4);
    expect(seen.length).to.be.at.least(1);
    expect(seen.every((s) => s === 'ACTIVE')).to.be.true;
    expect(settled).to.equal(undefined);
    server.card = CARD;
    await clock.tickAsync(timing.pollMax);
    expect(seen.at(-1)).to.equal('ACTIVE+card');
    expect(settled).to.equal('resolved');
  });

  it('gives up when the client secret is refused (401)', async () => {
    server.on('GET', /^\/api\/network-tokens\/tok_1/, () =>
      json({ error: { code: 'invalid_client_secret' } }, 401),
    );
    follow();
    await clock.tickAsync(timing.retryBase * 8);
    expect(settled).to.equal('rejected');
  });

  it('stops everything on abort: no request, no timer left', async () => {
    server.on('GET', /\/events$/, () => json({}, 404));
    follow();
    await clock.tickAsync(timing.retryBase * 4);
    controller.abort();
    await flush();
    const requests = server.requests.length;
    await clock.tickAsync(10 * 60_000);
    expect(server.requests.length).to.equal(requests);
    expect(settled).to.equal('resolved');
    expect(clock.countTimers()).to.equal(0);
  });
});
