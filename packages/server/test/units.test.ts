import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, test } from 'node:test';
import { createJsonLogger } from '../src/index.ts';
import { scrubText } from '../src/logging/scrub.ts';
import { followAbort } from '../src/smartpay/abort-link.ts';
import { bearerCredentials, createClientSecrets } from '../src/tokens/client-secret.ts';
import { bodyFingerprint } from '../src/tokens/fingerprint.ts';
import { toPublicToken } from '../src/tokens/public-token.ts';
import { TOKEN } from './helpers/scripted-fetch.ts';

describe('client secrets', () => {
  const secrets = createClientSecrets('a'.repeat(32));
  test('an HMAC of the token id: stable, per token, per key', () => {
    const secret = secrets.issue('t1');
    assert.equal(secrets.issue('t1'), secret);
    assert.notEqual(secrets.issue('t2'), secret);
    assert.notEqual(createClientSecrets('b'.repeat(32)).issue('t1'), secret);
    assert.equal(secrets.verify('t1', secret), true);
    for (const wrong of [
      undefined,
      '',
      secret.slice(1),
      `${secret} `,
      secrets.issue('t2'),
      secret.toUpperCase(),
    ]) {
      assert.equal(secrets.verify('t1', wrong), false, String(wrong));
    }
  });

  test('Bearer credentials are read case-insensitively; anything else is none', () => {
    assert.equal(bearerCredentials('Bearer ntcs_x'), 'ntcs_x');
    assert.equal(bearerCredentials('bearer ntcs_x'), 'ntcs_x');
    for (const header of [undefined, '', 'Basic ntcs_x', 'Bearer', 'Bearer a b', 'ntcs_x']) {
      assert.equal(bearerCredentials(header), undefined, String(header));
    }
  });
});

describe('logs', () => {
  test('scrubbing removes card-like numbers and credentials, keeps other numbers', () => {
    assert.equal(scrubText('pan 4111 1111 1111 1111 end'), 'pan [redacted-number] end');
    assert.equal(scrubText('token 4895370012345679'), 'token [redacted-number]'); // Luhn or not
    assert.equal(scrubText('ref 12345678901'), 'ref 12345678901'); // 11 digits: too short for a card
    assert.equal(scrubText('token 52219811111111110009'), 'token [redacted-number]'); // 20-digit network token
    const long = '1'.repeat(40);
    assert.equal(scrubText(`id ${long}`), `id ${long}`); // too long for any card or token number
    assert.equal(scrubText('Bearer ntcs_abc-def'), '[redacted-credential]');
    assert.equal(scrubText('secret ntcs_abc-def'), 'secret [redacted-credential]');
    assert.equal(scrubText('Basic c2FuZGJveDprZXk='), '[redacted-credential]');
    assert.equal(scrubText('took 1500 ms'), 'took 1500 ms');
    assert.equal(
      scrubText('emailAddress ada.l@example.co.uk is taken'),
      'emailAddress [redacted-email] is taken',
    );
    assert.equal(scrubText('pan=4111-1111-1111-1111.'), 'pan=[redacted-number].');
    // UUIDs often hold 12 digits in a row across their dashes.
    const uuid = '6d94ad86-139f-4551-9711-29147ba87888';
    assert.equal(scrubText(uuid), uuid);
    assert.equal(scrubText('633c8fca-3976-4403-9396-2f122efa9b49'), '633c8fca-3976-4403-9396-2f122efa9b49');
  });

  test('a line is one JSON object; secret-named fields and nested values never get through', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ sink: (l) => lines.push(l), now: () => 0 }).child({ requestId: 'r1' });
    logger.info('x.happened', {
      tokenId: 't',
      authorization: 'Basic abc',
      clientSecret: 'ntcs_1',
      tokenNumber: '4895370012345678',
      emailAddress: 'ada@example.com',
      note: 'card 5555 5555 5555 4444',
      nested: { a: 1 } as unknown as string,
    });
    logger.debug('not.written');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]!), {
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      event: 'x.happened',
      requestId: 'r1',
      tokenId: 't',
      authorization: '[redacted]',
      clientSecret: '[redacted]',
      tokenNumber: '[redacted]',
      emailAddress: '[redacted]',
      note: 'card [redacted-number]',
      nested: '[object]',
    });
  });

  test('a child`s fields are scrubbed too; fixed secret names are redacted; a line`s own keys stay its own', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ sink: (l) => lines.push(l), now: () => 0, level: 'warn' });
    const child = logger.child({ requestId: 'r2', password: 'hunter2', note: 'Bearer abc.def' });
    child.warn('y.happened', {
      accessToken: 'sat_live',
      cvc: '123',
      event: 'forged',
      level: 'debug',
      time: 'never',
      empty: undefined,
    });
    child.info('below.threshold');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]!), {
      time: '1970-01-01T00:00:00.000Z',
      level: 'warn',
      event: 'y.happened',
      requestId: 'r2',
      password: '[redacted]',
      note: '[redacted-credential]',
      accessToken: '[redacted]',
      cvc: '[redacted]',
    });
    for (const secret of ['hunter2', 'abc.def', 'sat_live', '123', 'forged', 'never']) {
      assert.ok(!lines[0]!.includes(secret), secret);
    }
  });
});

describe('small pieces', () => {
  test('the public view copies only id, status, time and a complete card', () => {
    assert.deepEqual(toPublicToken({ ...TOKEN, networkToken: { tokenNumber: '4895370012345678' } }), {
      tokenId: TOKEN.tokenId,
      status: TOKEN.status,
      updatedAt: TOKEN.updatedAt,
    });
    const card = { brand: 'VISA', last4Digits: '1111', expiryMonth: '12', expiryYear: '2030' };
    assert.deepEqual(
      toPublicToken({ ...TOKEN, tokenizedCardData: { ...card, accountHolderReferenceId: 'x' } }).card,
      {
        brand: 'VISA',
        last4: '1111',
        expiryMonth: '12',
        expiryYear: '2030',
      },
    );
    assert.equal(toPublicToken({ ...TOKEN, tokenizedCardData: { brand: 'VISA' } }).card, undefined);
  });

  test('fingerprints ignore key order and undefined, and see every value', () => {
    assert.equal(
      bodyFingerprint({ a: 1, b: { c: 2, d: 3 } }),
      bodyFingerprint({ b: { d: 3, c: 2 }, a: 1, e: undefined }),
    );
    assert.notEqual(bodyFingerprint({ a: 1 }), bodyFingerprint({ a: '1' }));
    assert.notEqual(bodyFingerprint({ a: [1, 2] }), bodyFingerprint({ a: [2, 1] }));
  });
});

describe('following the shutdown signal', () => {
  test('one listener however many calls follow it; unfollowed calls are not told', () => {
    const shutdown = new AbortController();
    const told: number[] = [];
    const stops = Array.from({ length: 100 }, (_, i) => followAbort(shutdown.signal, () => told.push(i)));
    assert.equal(getEventListeners(shutdown.signal, 'abort').length, 1);
    for (const stop of stops.slice(0, 98)) stop();
    shutdown.abort(new Error('bye'));
    assert.deepEqual(told, [98, 99]);
    let late: unknown;
    followAbort(shutdown.signal, (reason) => {
      late = reason;
    });
    assert.equal((late as Error).message, 'bye', 'an aborted signal tells a new follower at once');
  });
});
