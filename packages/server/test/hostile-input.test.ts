import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import fc from 'fast-check';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness } from './helpers/harness.ts';

const harness = startHarness();
after(() => harness.close());

/** Sends a raw body; asserts a 4xx envelope and no call to SmartPay. Returns the error code. */
async function refused(
  raw: RequestInit['body'] | null,
  headers: Record<string, string> = {},
): Promise<string> {
  const before = harness.upstreamCalls;
  const response = await harness.app.request('/api/network-tokens', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `hostile-${Math.random()}`,
      ...headers,
    },
    body: raw,
    // A stream body needs this in Node's fetch.
    ...(raw instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
  const error = (await body<MerchantErrorBody>(response)).error;
  assert.equal(typeof error.code, 'string');
  assert.equal(error.requestId, response.headers.get('x-request-id'));
  assert.equal(harness.upstreamCalls, before, 'SmartPay must not be called');
  return error.code;
}

const json = (value: unknown) => JSON.stringify(value);

describe('hostile bodies: 4xx every time, never 5xx, never SmartPay', () => {
  test('any JSON value at all (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        await refused(json(value));
      }),
      { numRuns: 300 },
    );
  });

  test('objects shaped like the body, with anything in each field (fast-check)', async () => {
    const anything = fc.oneof(fc.anything({ maxDepth: 3 }), fc.string(), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            integrationFlow: fc.oneof(fc.constantFrom('direct', 'payment-form', 'DIRECT', ''), anything),
            currencyCode: anything,
            consumer: fc.oneof(fc.dictionary(fc.string(), anything), anything),
            billingAddress: fc.oneof(fc.dictionary(fc.string(), anything), anything),
            cardDetails: fc.oneof(fc.dictionary(fc.string(), anything), anything),
          },
          { requiredKeys: [] },
        ),
        async (value) => {
          await refused(json(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a valid body with one field replaced by a hostile value: 201 or 4xx, never 5xx', async () => {
    const hostile = fc.oneof(
      fc.constantFrom<unknown>(
        null,
        0,
        -1,
        1e308,
        true,
        [],
        {},
        '',
        ' ',
        '\u0000',
        '4111111111111111',
        'x'.repeat(5000),
      ),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const paths = [
      'integrationFlow',
      'currencyCode',
      'consumer',
      'consumer.firstName',
      'consumer.emailAddress',
      'consumer.dateOfBirth',
      'billingAddress',
      'billingAddress.countryCode',
      'billingAddress.postCode',
      'shippingAddress',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), hostile, async (path, value) => {
        const copy = structuredClone(paymentFormBody()) as unknown as Record<string, Record<string, unknown>>;
        const [head, tail] = path.split('.') as [string, string?];
        if (tail) copy[head] = { ...copy[head], [tail]: value };
        else (copy as Record<string, unknown>)[head] = value;
        const before = harness.upstreamCalls;
        const response = await harness.create(copy);
        assert.ok(
          response.status === 201 || (response.status >= 400 && response.status < 500),
          `${response.status}`,
        );
        if (response.status !== 201) assert.equal(harness.upstreamCalls, before);
      }),
      { numRuns: 200 },
    );
  });

  const cases: [string, RequestInit['body'] | null, string, Record<string, string>?][] = [
    ['null', 'null', 'validation_failed'],
    ['an array', '[1,2,3]', 'validation_failed'],
    ['a number', '42', 'validation_failed'],
    ['a string', '"direct"', 'validation_failed'],
    [
      'wrong types everywhere',
      json({ integrationFlow: 1, consumer: [], billingAddress: 'x', currencyCode: {} }),
      'validation_failed',
    ],
    [
      'a 30 KB string',
      json({ ...paymentFormBody(), consumer: { firstName: 'x'.repeat(30_000) } }),
      'validation_failed',
    ],
    ['deep nesting', `{"consumer":${'['.repeat(15_000)}${']'.repeat(15_000)}}`, 'validation_failed'],
    ['deep objects', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, 'validation_failed'],
    [
      '__proto__ keys',
      `{"__proto__":{"polluted":true},"consumer":{"__proto__":{"x":1}}}`,
      'validation_failed',
    ],
    [
      'constructor and prototype keys',
      json({ constructor: { prototype: { polluted: true } } }),
      'validation_failed',
    ],
    ['duplicate keys', '{"integrationFlow":"direct","integrationFlow":"payment-form"}', 'validation_failed'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'invalid_json'],
    ['trailing garbage', `${json(paymentFormBody())}x`, 'invalid_json'],
    ['an empty body', '', 'invalid_json'],
    ['only whitespace', '   \n ', 'invalid_json'],
    ['no body at all', null, 'invalid_json'],
    ['33 KB of JSON', json({ pad: 'x'.repeat(33 * 1024) }), 'payload_too_large'],
    ['1 MB of JSON', json({ pad: 'x'.repeat(1024 * 1024) }), 'payload_too_large'],
    [
      '40 KB sent in chunks without Content-Length',
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
          controller.close();
        },
      }),
      'payload_too_large',
    ],
    ['a lying Content-Length', json(paymentFormBody()), 'payload_too_large', { 'content-length': '999999' }],
    ['text/plain', json(paymentFormBody()), 'unsupported_media_type', { 'content-type': 'text/plain' }],
    [
      'a form post',
      'integrationFlow=direct',
      'unsupported_media_type',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    [
      'multipart',
      '--x\r\n\r\n--x--',
      'unsupported_media_type',
      { 'content-type': 'multipart/form-data; boundary=x' },
    ],
    ['no content type', json(paymentFormBody()), 'unsupported_media_type', { 'content-type': '' }],
    [
      'application/jsonx',
      json(paymentFormBody()),
      'unsupported_media_type',
      { 'content-type': 'application/jsonx' },
    ],
  ];
  for (const [what, raw, code, headers] of cases) {
    test(`${what} → ${code}`, async () => {
      assert.equal(await refused(raw, headers), code);
    });
  }

  test('a UTF-8 byte-order mark is ignored, as RFC 8259 allows', async () => {
    const response = await harness.create(`\ufeff${json(paymentFormBody())}`);
    assert.equal(response.status, 201);
  });

  test('blank optional fields count as not sent: the default currency applies, SmartPay gets no blanks', async () => {
    const sent: string[] = [];
    const capturing = startHarness({
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        if (init?.method === 'POST') sent.push(String(init.body));
        return capturing.sandbox.fetch(input, init);
      }) as typeof fetch,
    });
    after(() => capturing.close());
    const blank = {
      ...paymentFormBody(),
      currencyCode: ' ',
      consumer: { ...paymentFormBody().consumer, middleName: '', title: '  ' },
    };
    const response = await capturing.create(blank);
    assert.equal(response.status, 201);
    const request = JSON.parse(sent[0] ?? '{}') as { currencyCode: string; consumer: Record<string, string> };
    assert.equal(request.currencyCode, 'EUR');
    assert.deepEqual(Object.keys(request.consumer).sort(), ['emailAddress', 'firstName', 'lastName']);
  });

  test('__proto__ in a body does not pollute anything', async () => {
    await refused('{"__proto__":{"isAdmin":true}}');
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });
});
