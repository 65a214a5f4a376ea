import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MerchantErrorBody } from '@smartpay/contract';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { handleError } from '../src/errors/error-handler.ts';
import { silentLogger } from '../src/index.ts';
import { type AppEnv, requestContext } from '../src/middleware/request-context.ts';

/** What the one error handler answers when a Hono part throws an HTTPException with `status`. */
async function answerTo(status: ContentfulStatusCode) {
  const app = new Hono<AppEnv>();
  app.use(requestContext(silentLogger));
  app.onError(handleError);
  app.get('/', () => {
    throw new HTTPException(status);
  });
  const response = await app.request('/');
  return { status: response.status, body: (await response.json()) as MerchantErrorBody };
}

describe("Hono's own exceptions", () => {
  test('each status keeps a code that says what happened', async () => {
    const expected: [ContentfulStatusCode, number, string][] = [
      [400, 400, 'invalid_json'],
      [404, 404, 'not_found'],
      [413, 413, 'payload_too_large'],
      [415, 415, 'unsupported_media_type'],
      [429, 429, 'rate_limited'],
    ];
    for (const [thrown, status, code] of expected) {
      const answer = await answerTo(thrown);
      assert.equal(answer.status, status, `HTTPException ${thrown}`);
      assert.equal(answer.body.error.code, code, `HTTPException ${thrown}`);
    }
  });

  test('no other 4xx is called a JSON problem', async () => {
    for (const thrown of [401, 403, 405, 408, 409, 422] as const) {
      const answer = await answerTo(thrown);
      assert.equal(answer.status, 400, `HTTPException ${thrown}`);
      assert.equal(answer.body.error.code, 'validation_failed', `HTTPException ${thrown}`);
      assert.doesNotMatch(answer.body.error.message, /JSON|read/i);
    }
  });

  test('a 5xx is an internal error', async () => {
    const answer = await answerTo(503);
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, 'internal_error');
  });
});
