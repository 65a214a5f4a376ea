import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { directBody, paymentFormBody } from './helpers/bodies.ts';
import { SERVER_KEY, startHarness } from './helpers/harness.ts';
import { readSse } from './helpers/sse.ts';

const harness = startHarness();
after(() => harness.close());

/** Everything a browser received: status line, headers and body of each answer. */
const seen: string[] = [];
async function record(response: Response | Promise<Response>): Promise<Record<string, unknown>> {
  const answer = await response;
  const text = await answer.text();
  seen.push(`${answer.status} ${JSON.stringify([...answer.headers])} ${text}`);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

test('after ACTIVE, in both flows, no answer and no log line holds the token number or a secret', async () => {
  // Direct flow, with a failing read on the way so error paths are logged too.
  const { cardToken, cvvToken } = await harness.tokenize('5555555555554444');
  const direct = await record(harness.create(directBody(cardToken, cvvToken, 'MASTERCARD')));
  await harness.fault({ method: 'GET', path: '/network-tokens/*', kind: 'status', status: 500 });
  const directId = direct.tokenId as string;
  const directSecret = direct.clientSecret as string;
  await record(harness.read(directId, directSecret));
  await record(harness.read(directId, directSecret));

  // Payment-form flow: create, follow over SSE, the form is submitted, ACTIVE.
  const form = await record(harness.create(paymentFormBody()));
  const formId = form.tokenId as string;
  const formSecret = form.clientSecret as string;
  const events = await harness.read(formId, formSecret, '/events');
  const sse = readSse(events);
  await sse.until((e) => e.length === 1);
  await harness.forceStatus(formId, 'PROVISIONING');
  await harness.forceStatus(formId, 'ACTIVE');
  await sse.ended;
  seen.push(JSON.stringify([...events.headers]), JSON.stringify(sse.events));
  await new Promise((resolve) => setTimeout(resolve, 20));
  await record(harness.read(formId, formSecret));
  await record(harness.read(formId, 'ntcs_wrong'));
  await record(harness.create('{"broken"'));
  await record(harness.app.request('/api/config'));

  const secrets: Record<string, string> = {};
  for (const id of [directId, formId]) {
    const stored = await harness.store.getToken(id);
    assert.equal(stored?.token.status, 'ACTIVE');
    const tokenNumber = stored?.token.networkToken?.tokenNumber;
    assert.ok(tokenNumber, 'the server does hold the network token number');
    secrets[`tokenNumber of ${id}`] = tokenNumber;
    secrets[`authorizationId of ${id}`] = stored?.token.authorizationId ?? 'missing';
    secrets[`externalMerchantId of ${id}`] = stored?.token.externalMerchantId ?? 'missing';
  }
  const basic = Buffer.from('sandbox-merchant-key:sandbox-auth-key').toString('base64');
  const browserMustNotSee = {
    ...secrets,
    'merchant key': 'sandbox-merchant-key',
    'auth key': 'sandbox-auth-key',
    'Basic credentials': basic,
    'server key': SERVER_KEY,
  };
  const logsMustNotHold = {
    ...browserMustNotSee,
    'direct client secret': directSecret,
    'payment-form client secret': formSecret,
    'card token': cardToken,
    'cvv token': cvvToken,
    email: 'ada@example.com',
    'last name': 'Lovelace',
    street: 'Invalidenstraße',
    'card number': '5555555555554444',
  };

  const answers = seen.join('\n');
  assert.ok(answers.includes('"status":"ACTIVE"'), 'the browser did see ACTIVE');
  for (const [what, value] of Object.entries(browserMustNotSee)) {
    assert.ok(!answers.includes(value), `an answer to the browser holds the ${what}`);
  }
  const logs = harness.logs.join('\n');
  assert.ok(harness.logs.length > 15, `logs were written (${harness.logs.length})`);
  assert.ok(logs.includes('"event":"token.status_changed"'));
  assert.ok(logs.includes('"event":"smartpay.failed"') || logs.includes('"event":"smartpay.attempt"'));
  for (const [what, value] of Object.entries(logsMustNotHold)) {
    assert.ok(!logs.includes(value), `a log line holds the ${what}`);
  }
  for (const line of harness.logs) {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.equal(typeof parsed.event, 'string');
    assert.equal(typeof parsed.time, 'string');
  }
});
