import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { toFieldIssues, tokenRequestSchema, validationErrorBodySchema } from '@smartpay/contract';
import { createSandbox } from '../src/index.ts';
import { apiHeaders, createToken, messagesOf, paymentFormRequest, post } from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());

/** Sends bytes, not a string, so fetch adds no Content-Type of its own. */
async function createWith(headers: Record<string, string>, body: string | object = paymentFormRequest()) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return sandbox.fetch('/network-tokens', { method: 'POST', headers, body: new TextEncoder().encode(text) });
}

describe('required headers', () => {
  for (const header of ['Content-Type', 'Accept-Language', 'Origin', 'User-Agent']) {
    test(`a create without ${header} answers 400 naming it`, async () => {
      const response = await createWith(apiHeaders({ [header]: undefined }));
      assert.equal(response.status, 400);
      assert.deepEqual(await messagesOf(response), [`${header} is required`]);
    });
  }

  test('a Content-Type other than application/json answers 400', async () => {
    const response = await createWith(apiHeaders({ 'Content-Type': 'text/plain' }));
    assert.deepEqual(await messagesOf(response), ['Content-Type must be application/json']);
  });

  test('application/json with a charset parameter is accepted', async () => {
    const response = await createWith(apiHeaders({ 'Content-Type': 'application/json; charset=utf-8' }));
    assert.equal(response.status, 200);
  });

  test('an Accept-Language other than en-US answers 400', async () => {
    const response = await createWith(apiHeaders({ 'Accept-Language': 'de-DE' }));
    assert.deepEqual(await messagesOf(response), ['Accept-Language must be en-US']);
  });

  test('an Origin that is not a bare origin answers 400', async () => {
    const response = await createWith(apiHeaders({ Origin: 'https://shop.example/checkout' }));
    assert.equal(response.status, 400);
    assert.match(String((await messagesOf(response))[0]), /^Origin must be an origin/);
  });

  test('GET needs the same headers as POST', async () => {
    const { tokenId } = await createToken(sandbox);
    const headers = apiHeaders({ 'Accept-Language': undefined, 'User-Agent': undefined });
    const response = await sandbox.fetch(`/network-tokens/${tokenId}`, { headers });
    assert.equal(response.status, 400);
    assert.deepEqual(await messagesOf(response), ['Accept-Language is required', 'User-Agent is required']);
  });
});

describe('body', () => {
  test('every body problem is named at once, with the contract sentence for each', async () => {
    const body = { ...paymentFormRequest(), currencyCode: 'EURO', accountCategory: 'Guest', consumer: {} };
    const response = await createWith(apiHeaders(), body);
    assert.equal(response.status, 400);
    const parsed = tokenRequestSchema.safeParse(body);
    assert.equal(parsed.success, false);
    const expected = toFieldIssues(parsed.error!).map((issue) =>
      issue.path === 'accountCategory'
        ? { 'accountCategory must be one of the following values': 'EWalletUser' }
        : issue.message,
    );
    assert.ok(expected.length >= 5, `expected several problems, got ${JSON.stringify(expected)}`);
    assert.deepEqual(await messagesOf(response), expected);
  });

  test('header and body problems come together in one 400', async () => {
    const body = { ...paymentFormRequest(), integrationFlow: 'carrier-pigeon' };
    const response = await createWith(apiHeaders({ Origin: undefined, 'Accept-Language': 'fr' }), body);
    assert.deepEqual(await messagesOf(response), [
      'Accept-Language must be en-US',
      'Origin is required',
      { 'integrationFlow must be one of the following values': 'payment-form, direct' },
    ]);
  });

  test('a 400 mixes sentences and {rule: values} objects, as the API page shows', async () => {
    const body: Record<string, unknown> = { ...paymentFormRequest(), accountCategory: 'Guest' };
    delete body.accountReferenceId;
    const response = await createWith(apiHeaders(), body);
    assert.equal(response.status, 400);
    const answer = await response.json();
    assert.deepEqual(answer, {
      message: [
        'accountReferenceId is required',
        { 'accountCategory must be one of the following values': 'EWalletUser' },
      ],
    });
    assert.equal(validationErrorBodySchema.safeParse(answer).success, true);
  });

  test('"" in an optional field with a format is refused, as class-validator would', async () => {
    const body = paymentFormRequest();
    const consumer = { ...(body.consumer as object), dateOfBirth: '', mobilePhone: '', middleName: '' };
    const response = await createWith(apiHeaders(), { ...body, consumer });
    assert.equal(response.status, 400);
    assert.deepEqual(await messagesOf(response), [
      'consumer.dateOfBirth must be a real date in the form YYYY-MM-DD',
      'consumer.mobilePhone must be a phone number (digits, spaces, + - . / and brackets)',
    ]);
  });

  test('a body that is not JSON answers 400', async () => {
    const response = await createWith(apiHeaders(), '{"integrationFlow": ');
    assert.deepEqual(await messagesOf(response), ['body must be valid JSON']);
  });

  test('an empty body answers 400', async () => {
    const response = await createWith(apiHeaders(), '');
    assert.deepEqual(await messagesOf(response), ['body is required']);
  });

  test('a body over 64 KiB answers 400 without being parsed', async () => {
    const body = { ...paymentFormRequest(), padding: 'x'.repeat(70_000) };
    const response = await createWith(apiHeaders(), body);
    assert.equal(response.status, 400);
    assert.deepEqual(await messagesOf(response), ['body must be at most 65536 bytes']);
  });

  test('a body over the limit is refused even without a Content-Length (streamed)', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await sandbox.fetch('/network-tokens', {
      method: 'POST',
      headers: apiHeaders(),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.deepEqual(await messagesOf(response), ['body must be at most 65536 bytes']);
  });

  test('cardDetails in a payment-form create is refused', async () => {
    const body = {
      ...paymentFormRequest(),
      cardDetails: { cardToken: 'ct_x', expiryMonth: '12', expiryYear: '30' },
    };
    const response = await post(sandbox, '/network-tokens', body);
    assert.equal(response.status, 400);
    assert.match(
      (await messagesOf(response)).join(),
      /cardDetails must not be sent when integrationFlow is payment-form/,
    );
  });
});
