import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createSandbox } from '../src/index.ts';
import { createToken, messagesOf, post, readToken, submitCard } from './support/api.ts';

const sandbox = createSandbox();
after(() => sandbox.close());

const MERCHANT = 'https://shop.example';
const framePage = (tokenId: string, parentOrigin = MERCHANT) =>
  sandbox.fetch(`/sdk/card-form?${new URLSearchParams({ tokenId, parentOrigin })}`);

describe('SDK and form assets', () => {
  test('GET /sdk/smp-bundle.js serves a plain script any page may load', async () => {
    const response = await sandbox.fetch('/sdk/smp-bundle.js');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    const script = await response.text();
    assert.match(script, /SmpLibrary/);
    assert.match(script, /renderWidget/);
    assert.doesNotMatch(script, /^\s*(import|export)\s/m, 'a classic script, not a module');
  });

  test('the form script and styles are for the sandbox origin only', async () => {
    for (const [path, type] of [
      ['/sdk/card-form.js', 'text/javascript; charset=utf-8'],
      ['/sdk/card-form.css', 'text/css; charset=utf-8'],
    ]) {
      const response = await sandbox.fetch(path!);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), type);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin');
    }
  });
});

describe('hosted form page', () => {
  test('has a strict CSP that lets only the rendering page frame it', async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await framePage(tokenId);
    assert.equal(response.status, 200);
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      `frame-ancestors ${MERCHANT}`,
    ]) {
      assert.ok(policy.split('; ').includes(directive), `missing ${directive} in ${policy}`);
    }
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  test('has no inline script or style: its code is a file', async () => {
    const { tokenId } = await createToken(sandbox);
    const html = await (await framePage(tokenId)).text();
    assert.match(html, /<script src="card-form\.js" defer><\/script>/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
  });

  test('tells its script where the token stands: open, unknown, closed or expired', async () => {
    const fresh = await createToken(sandbox);
    const used = await createToken(sandbox);
    await submitCard(sandbox, used.tokenId, '4111111111111111');
    const expiring = createSandbox({ timeScale: 0.00001 });
    const expired = await createToken(expiring);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const cases: [Response, number, string][] = [
      [await framePage(fresh.tokenId), 200, 'open'],
      [await framePage('3fa85f64-5717-4562-b3fc-2c963f66afa6'), 404, 'unknown'],
      [await framePage(used.tokenId), 409, 'closed'],
      [
        await expiring.fetch(
          `/sdk/card-form?${new URLSearchParams({ tokenId: expired.tokenId, parentOrigin: MERCHANT })}`,
        ),
        410,
        'expired',
      ],
    ];
    for (const [response, status, state] of cases) {
      assert.equal(response.status, status);
      assert.match(await response.text(), new RegExp(`data-state="${state}"`));
    }
    expiring.close();
  });

  test('an open form knows how long it has left', async () => {
    const { tokenId } = await createToken(sandbox);
    const html = await (await framePage(tokenId)).text();
    const left = Number(/data-expires-in-ms="(\d+)"/.exec(html)?.[1]);
    assert.ok(left > 29 * 60_000 && left <= 30 * 60_000, `expires in ${left} ms`);
  });

  test('without a valid parentOrigin the page cannot be framed at all', async () => {
    const { tokenId } = await createToken(sandbox);
    const response = await framePage(tokenId, 'javascript:alert(1)');
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  test('attribute values are escaped', async () => {
    const html = await (await framePage('"><script>alert(1)</script>')).text();
    assert.doesNotMatch(html, /<script>alert/);
  });
});

describe('card endpoint of the hosted form', () => {
  test('refuses card data from another origin with 403, and the token stays pending', async () => {
    const { tokenId } = await createToken(sandbox);
    for (const origin of [MERCHANT, undefined]) {
      const response = await post(
        sandbox,
        `/sdk/card-form/${tokenId}/card`,
        { cardHolderName: 'A', number: '4111111111111111', expiry: '12/30', cvc: '123' },
        { 'Content-Type': 'application/json', ...(origin && { Origin: origin }) },
      );
      assert.equal(response.status, 403);
    }
    assert.equal((await readToken(sandbox, tokenId)).status, 'PENDING_PAYMENT_FORM');
  });

  test('accepts card data from the public URL the sandbox was given', async () => {
    const proxied = createSandbox({ publicUrl: 'https://sandbox.example/' });
    const { tokenId } = await createToken(proxied);
    const response = await post(
      proxied,
      `/sdk/card-form/${tokenId}/card`,
      { cardHolderName: 'A', number: '4111111111111111', expiry: '12/30', cvc: '123' },
      { 'Content-Type': 'application/json', Origin: 'https://sandbox.example' },
    );
    assert.deepEqual(await response.json(), { next: 'provisioning' });
    proxied.close();
  });

  test('checks the card again: a Luhn-invalid or other-brand card is refused and the token stays pending', async () => {
    const { tokenId } = await createToken(sandbox);
    const luhn = await submitCard(sandbox, tokenId, '4111111111111112');
    assert.deepEqual(await messagesOf(luhn), ['number must pass the Luhn check']);
    const amex = await submitCard(sandbox, tokenId, '378282246310005', { cvc: '1234', expiry: '01/20' });
    assert.deepEqual(await messagesOf(amex), [
      'number must be a Visa or Mastercard number',
      'expiry must not be in the past',
      'cvc must be 3 digits',
    ]);
    assert.equal((await readToken(sandbox, tokenId)).status, 'PENDING_PAYMENT_FORM');
  });

  test('an unknown token gets ERR_CONFIG', async () => {
    const response = await submitCard(sandbox, '3fa85f64-5717-4562-b3fc-2c963f66afa6', '4111111111111111');
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, 'ERR_CONFIG');
  });
});
