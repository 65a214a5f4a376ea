import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, type FaultSpec, startHarness, waitFor } from './helpers/harness.ts';
import { netError } from './helpers/scripted-fetch.ts';

const harness = startHarness({ smartpayTimeoutMs: 150, smartpayCreateTimeoutMs: 150 });
after(() => harness.close());

const posts = async () => (await harness.upstreamRequests()).filter((r) => r.method === 'POST');

interface Case {
  fault: Omit<FaultSpec, 'path' | 'method'>;
  status: number;
  code: string;
  retryAfter?: string;
  /** True when the key stays bound to this answer (a repeat might create a second token). */
  sticky: boolean;
}

const cases: Record<string, Case> = {
  '400 from SmartPay': {
    fault: { kind: 'status', status: 400 },
    status: 502,
    code: 'provider_rejected',
    sticky: false,
  },
  '401 from SmartPay': {
    fault: { kind: 'status', status: 401 },
    status: 502,
    code: 'provider_misconfigured',
    sticky: false,
  },
  '403 from SmartPay': {
    fault: { kind: 'status', status: 403 },
    status: 502,
    code: 'provider_misconfigured',
    sticky: false,
  },
  '500 from SmartPay': {
    fault: { kind: 'status', status: 500 },
    status: 502,
    code: 'provider_outcome_unknown',
    sticky: true,
  },
  'a delay beyond the timeout': {
    fault: { kind: 'delay', delayMs: 400 },
    status: 502,
    code: 'provider_outcome_unknown',
    sticky: true,
  },
  'a reset before handling': {
    fault: { kind: 'reset' },
    status: 502,
    code: 'provider_outcome_unknown',
    sticky: true,
  },
  'a reset after handling': {
    fault: { kind: 'reset-after' },
    status: 502,
    code: 'provider_outcome_unknown',
    sticky: true,
  },
  'a truncated answer': {
    fault: { kind: 'malformed' },
    status: 502,
    code: 'provider_outcome_unknown',
    sticky: true,
  },
  'a rate limit': {
    fault: { kind: 'rate-limit', retryAfter: 7 },
    status: 503,
    code: 'provider_unavailable',
    retryAfter: '7',
    sticky: false,
  },
  unavailable: {
    fault: { kind: 'unavailable', retryAfter: 3 },
    status: 503,
    code: 'provider_unavailable',
    retryAfter: '3',
    sticky: false,
  },
};

describe('every sandbox fault during create', () => {
  let n = 0;
  for (const [what, c] of Object.entries(cases)) {
    test(`${what} → ${c.status} ${c.code}; ${c.sticky ? 'the key keeps that answer' : 'the key may be retried'}`, async () => {
      const key = `fault-case-${++n}-${Date.now()}`;
      await harness.clearUpstreamRequests();
      await harness.fault({ method: 'POST', path: '/network-tokens', ...c.fault });
      const response = await harness.create(paymentFormBody(), { key });
      assert.equal(response.status, c.status);
      const error = (await body<MerchantErrorBody>(response)).error;
      assert.equal(error.code, c.code);
      assert.equal(error.type, 'provider_error');
      assert.equal(response.headers.get('retry-after'), c.retryAfter ?? null);
      // Never retried: SmartPay saw exactly one create (a delayed one is logged when it ends).
      await waitFor(async () => (await posts()).length > 0);
      assert.equal((await posts()).length, 1);
      // SmartPay's own words and trace ids never reach the browser.
      assert.doesNotMatch(JSON.stringify(error), /traceId|Injected|00-[0-9a-f]{32}/);

      const again = await harness.create(paymentFormBody(), { key });
      if (c.sticky) {
        assert.equal(again.status, c.status);
        assert.equal((await body<MerchantErrorBody>(again)).error.code, c.code);
        assert.equal((await posts()).length, 1, 'a sticky answer is replayed without calling SmartPay');
      } else {
        assert.equal(again.status, 201);
        assert.equal((await posts()).length, 2);
      }
    });
  }
});

describe('a create that provably never left', () => {
  test('connection refused twice, then through: retried, one token', async () => {
    let refusals = 2;
    const refusing = startHarness({
      fetch: ((input: string | URL | Request, init?: RequestInit) => {
        if (refusals-- > 0) return Promise.reject(netError('ECONNREFUSED'));
        return refusing.sandbox.fetch(input, init);
      }) as typeof fetch,
    });
    after(() => refusing.close());
    const response = await refusing.create(paymentFormBody());
    assert.equal(response.status, 201);
    assert.equal((await refusing.upstreamRequests()).filter((r) => r.method === 'POST').length, 1);
    assert.ok(refusing.logs.some((l) => l.includes('"retryInMs"')));
  });

  test('nothing listening at all: 503 provider_unavailable, and the key may be retried', async () => {
    const down = startHarness({
      fetch: (() => Promise.reject(netError('ECONNREFUSED'))) as typeof fetch,
    });
    after(() => down.close());
    const response = await down.create(paymentFormBody(), { key: 'order-3001-attempt-1' });
    assert.equal(response.status, 503);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_unavailable');
  });

  test('wrong merchant keys: 502 provider_misconfigured', async () => {
    const wrong = startHarness({ authenticationKey: 'not-the-key' });
    after(() => wrong.close());
    const response = await wrong.create(paymentFormBody());
    assert.equal(response.status, 502);
    assert.equal((await body<MerchantErrorBody>(response)).error.code, 'provider_misconfigured');
    assert.ok(
      wrong.logs.some(
        (l) => l.includes('"event":"smartpay.failed"') && l.includes('SmartPayAuthenticationError'),
      ),
    );
    assert.ok(wrong.logs.every((l) => !l.includes('not-the-key')));
  });
});
