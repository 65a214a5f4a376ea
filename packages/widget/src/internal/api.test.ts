import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { json } from '../test/fake-server.js';
import { ApiError, api, retrying, send } from './api.js';
import { timing } from './timing.js';

describe('merchant API client', () => {
  const signal = new AbortController().signal;
  let fetch: sinon.SinonStub;

  beforeEach(() => {
    Object.assign(timing, { retryBase: 2 });
    fetch = sinon.stub(window, 'fetch');
  });
  afterEach(() => sinon.restore());

  it('turns the error envelope into an ApiError with its code, request id and fields', async () => {
    const fields = [{ path: 'consumer.firstName', message: 'consumer.firstName is required' }];
    fetch.resolves(
      json(
        { error: { type: 'invalid_request_error', code: 'validation_failed', requestId: 'r1', fields } },
        400,
      ),
    );
    const error = (await send('/x', {}, signal).catch((e) => e)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error).to.include({ code: 'validation_failed', status: 400, requestId: 'r1', transient: false });
    expect(error.fields).to.deep.equal(fields);
  });

  it('names failures without an envelope by what happened', async () => {
    fetch.onCall(0).rejects(new TypeError('Failed to fetch'));
    fetch.onCall(1).resolves(new Response('<html>bad gateway', { status: 502 }));
    fetch.onCall(2).resolves(new Response('{"trunc', { status: 200 }));
    fetch.onCall(3).resolves(new Response('', { status: 429, headers: { 'Retry-After': '3' } }));
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push(await send('/x', {}, signal).catch((e: ApiError) => [e.code, e.transient, e.retryAfter]));
    expect(codes).to.deep.equal([
      ['network_error', true, undefined],
      ['internal_error', true, undefined],
      ['internal_error', true, undefined],
      ['rate_limited', true, 3],
    ]);
  });

  it('keeps an abort an abort', async () => {
    const controller = new AbortController();
    controller.abort();
    fetch.rejects(new DOMException('aborted', 'AbortError'));
    const error = (await send('/x', {}, controller.signal).catch((e) => e)) as Error;
    expect(error.name).to.equal('AbortError');
  });

  it('repeats transient failures only, up to the number of tries', async () => {
    let calls = 0;
    const flaky = () =>
      ++calls < 3 ? Promise.reject(new ApiError('internal_error', 500)) : Promise.resolve('ok');
    expect(await retrying(flaky, signal)).to.equal('ok');
    expect(calls).to.equal(3);
    calls = 0;
    const refused = () => {
      calls++;
      return Promise.reject(new ApiError('validation_failed', 400));
    };
    await retrying(refused, signal).catch(() => {});
    expect(calls).to.equal(1);
    calls = 0;
    const down = () => {
      calls++;
      return Promise.reject(new ApiError('network_error'));
    };
    await retrying(down, signal, 2).catch(() => {});
    expect(calls).to.equal(2);
  });

  it('waits longer for a create than the server waits for SmartPay (90 s), then gives up as a timeout', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let aborted = false;
      fetch.callsFake((_url: string, init: RequestInit) => {
        return new Promise((_resolve, reject) => {
          init.signal!.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('timed out', 'AbortError'));
          });
        });
      });
      const created = api.create('', {} as never, 'key', signal).catch((e: ApiError) => e);
      await clock.tickAsync(95_000);
      expect(aborted, 'still waiting after 95 s').to.be.false;
      await clock.tickAsync(5_000);
      expect(aborted).to.be.true;
      // A timeout is worth asking again, with the same idempotency key (at most one token).
      expect(fetch.callCount).to.equal(1);
      await clock.tickAsync(2 * 100_000 + 1_000);
      const error = (await created) as ApiError;
      expect(error.code).to.equal('timeout');
      expect(fetch.callCount).to.equal(3);
      const keys = fetch.getCalls().map((call) => new Headers(call.args[1].headers).get('Idempotency-Key'));
      expect(new Set(keys)).to.deep.equal(new Set(['key']));
    } finally {
      clock.restore();
    }
  });

  it('never repeats a refusal of the card or the data (4xx)', async () => {
    fetch.resolves(
      json({ error: { code: 'card_rejected', fields: [{ path: 'cardDetails.expiryYear' }] } }, 400),
    );
    const error = (await api.create('', {} as never, 'key', signal).catch((e) => e)) as ApiError;
    expect(error).to.include({ code: 'card_rejected', status: 400, transient: false });
    expect(fetch.callCount).to.equal(1);
  });
});
