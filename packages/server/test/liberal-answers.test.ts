/**
 * Item 3 of issue 11: SmartPay's answers are read liberally. A status read whose brand is
 * MASTERCARD_DEBIT, whose token number has 20 digits or that carries a field we do not know must
 * still bring the token to ACTIVE for the merchant, and what looked odd is logged once.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { paymentFormBody } from './helpers/bodies.ts';
import { body, startHarness } from './helpers/harness.ts';

/** SmartPay answering reads with values and fields the API page does not document. */
function oddReads(sandboxFetch: typeof fetch): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await sandboxFetch(input, init);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method !== 'GET' || response.status !== 200) return response;
    const token = (await response.json()) as Record<string, Record<string, unknown>>;
    if (token.tokenizedCardData) token.tokenizedCardData.brand = 'MASTERCARD_DEBIT';
    if (token.networkToken)
      token.networkToken.tokenNumber = String(token.networkToken.tokenNumber).padEnd(20, '0');
    const odd = { ...token, riskAssessment: { score: 3 }, status: token.status };
    return Response.json(odd, { status: 200 });
  }) as typeof fetch;
}

const harness = startHarness({}, { wrapFetch: oddReads });
after(() => harness.close());
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('an ACTIVE read with MASTERCARD_DEBIT, a 20-digit token number and an unknown field reaches the merchant', async () => {
  const created = await body<{ tokenId: string; clientSecret: string }>(
    await harness.create(paymentFormBody()),
  );
  await harness.forceStatus(created.tokenId, 'ACTIVE');
  for (let i = 0; i < 4; i++) {
    await pause(15); // past freshForMs: every read asks SmartPay again until the status is final
    const answer = await harness.read(created.tokenId, created.clientSecret);
    assert.equal(answer.status, 200);
    const view = await body<{ status: string; card?: { brand: string } }>(answer);
    assert.equal(view.status, 'ACTIVE');
    assert.equal(view.card?.brand, 'MASTERCARD_DEBIT');
  }
  const stored = await harness.store.getToken(created.tokenId);
  assert.match(stored?.token.networkToken?.tokenNumber ?? '', /^\d{20}$/);

  const odd = harness.logs.map((line) => JSON.parse(line)).filter((l) => l.event === 'smartpay.odd_answer');
  assert.deepEqual(odd.map((l) => `${l.path}: ${l.problem}`).sort(), [
    ': unrecognized_keys',
    'networkToken.tokenNumber: too_big',
    'tokenizedCardData.brand: too_big',
  ]);
  assert.equal(harness.logs.filter((line) => line.includes('provider_unavailable')).length, 0);
  assert.equal(
    harness.logs.filter((line) => /\d{20}/.test(line)).length,
    0,
    'the token number is never logged',
  );
});
