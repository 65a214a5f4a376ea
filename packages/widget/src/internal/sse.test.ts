import { expect } from '@open-wc/testing';
import { readEvents, type ServerSentEvent } from './sse.js';

/** A body that delivers the given chunks one by one. */
function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>, onActivity?: () => void): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readEvents(stream, onActivity)) events.push(event);
  return events;
}

describe('readEvents (text/event-stream over fetch)', () => {
  it('reads named events with their data', async () => {
    const events = await all(body('event: status\ndata: {"a":1}\n\nevent: status\ndata: {"a":2}\n\n'));
    expect(events).to.deep.equal([
      { event: 'status', data: '{"a":1}', id: '' },
      { event: 'status', data: '{"a":2}', id: '' },
    ]);
  });

  it('joins data lines, defaults the event name, and takes one optional space after the colon', async () => {
    expect(await all(body('data:one\ndata:  two\n\n'))).to.deep.equal([
      { event: 'message', data: 'one\n two', id: '' },
    ]);
  });

  it('skips comments (heartbeats) but reports them as activity', async () => {
    let activity = 0;
    const events = await all(body(': heartbeat\n\n', ': heartbeat\n\n'), () => activity++);
    expect(events).to.deep.equal([]);
    expect(activity).to.equal(2);
  });

  it('copes with events split anywhere across chunks, CRLF included', async () => {
    const events = await all(body('event: sta', 'tus\r', '\ndata: {"b"', ':2}\r\n', '\r\n'));
    expect(events).to.deep.equal([{ event: 'status', data: '{"b":2}', id: '' }]);
  });

  it('accepts lone CR line endings', async () => {
    expect(await all(body('event: timeout\rdata: x\r\r'))).to.deep.equal([
      { event: 'timeout', data: 'x', id: '' },
    ]);
  });

  it('keeps the last event id for the events after it, starting from the one it resumes from', async () => {
    const events = await all(
      body('data: a\n\nid: 7\ndata: b\n\ndata: c\n\nid\ndata: d\n\nid: x\0y\ndata: e\n\n'),
    );
    expect(events.map((e) => [e.data, e.id])).to.deep.equal([
      ['a', ''],
      ['b', '7'],
      ['c', '7'],
      ['d', ''],
      ['e', ''],
    ]);
    const resumed: string[] = [];
    for await (const event of readEvents(body('data: f\n\n'), undefined, undefined, '12'))
      resumed.push(event.id);
    expect(resumed).to.deep.equal(['12']);
  });

  it('reports the reconnection delay the server asks for (retry), digits only', async () => {
    const delays: number[] = [];
    const stream = body('retry: 3000\n\nretry: soon\ndata: x\n\n');
    for await (const _ of readEvents(stream, undefined, (ms) => delays.push(ms))) {
    }
    expect(delays).to.deep.equal([3000]);
  });

  it('drops an event cut off by the end of the stream', async () => {
    expect(await all(body('event: status\ndata: {"c":3}\n'))).to.deep.equal([]);
  });
});
