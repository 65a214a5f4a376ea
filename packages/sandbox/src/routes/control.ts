import { type KnownTokenStatus, TOKEN_STATUSES } from '@smartpay/contract/core';
import { Hono } from 'hono';
import { parseFaultSpec } from '../control/faults.js';
import { readJsonOrFieldIssue } from '../http/bounded-body.js';
import { smartPayErrorResponse } from '../http/smartpay-errors.js';
import { isRecord } from '../json-values.js';
import type { SandboxState } from '../sandbox-state.js';
import { tokenView } from '../tokens/token-view.js';

/**
 * The control API under /_sandbox/: a local tool for tests and demos, so it has no auth. It is never
 * logged and never faulted, so a test can always inspect and clean up.
 */
export function controlRoutes(state: SandboxState, reset: () => void): Hono {
  const app = new Hono().basePath('/_sandbox');

  app.get('/requests', (c) => c.json({ requests: state.log.list() }));
  app.delete('/requests', (c) => {
    state.log.clear();
    return c.body(null, 204);
  });

  app.get('/faults', (c) => c.json({ faults: state.faults.list() }));
  app.post('/faults', async (c) => {
    const body = await readJsonOrFieldIssue(c.req.raw);
    if (!body.ok) return smartPayErrorResponse(400, [body.issue.message]);
    const parsed = parseFaultSpec(body.value);
    if ('problems' in parsed) return smartPayErrorResponse(400, parsed.problems);
    return c.json(state.faults.add(parsed.spec), 201);
  });
  app.delete('/faults', (c) => {
    state.faults.clear();
    return c.body(null, 204);
  });

  // Not in docs/interfaces.md: a debugging aid that also shows why a token is ERROR.
  app.get('/tokens', (c) =>
    c.json({
      tokens: state.tokens.list().map((record) => ({
        tokenId: record.tokenId,
        integrationFlow: record.integrationFlow,
        status: record.status,
        createdAt: new Date(record.createdAt).toISOString(),
        updatedAt: new Date(record.updatedAt).toISOString(),
        merchantKey: record.merchant.merchantKey,
        ...(record.card && { card: { brand: record.card.brand, last4: record.card.last4 } }),
        ...(record.errorReason && { errorReason: record.errorReason }),
      })),
    }),
  );

  app.post('/tokens/:tokenId/status', async (c) => {
    const body = await readJsonOrFieldIssue(c.req.raw);
    if (!body.ok) return smartPayErrorResponse(400, [body.issue.message]);
    const status = isRecord(body.value) ? body.value.status : undefined;
    if (!TOKEN_STATUSES.includes(status as KnownTokenStatus)) {
      return smartPayErrorResponse(400, [`status must be one of: ${TOKEN_STATUSES.join(', ')}`]);
    }
    const record = state.tokens.force(c.req.param('tokenId'), status as KnownTokenStatus);
    return record ? c.json(tokenView(record), 200) : smartPayErrorResponse(404);
  });

  // Every access token issued so far answers 401 from now on: how a client's refresh is tested.
  app.post('/oauth/expire', (c) => c.json({ expired: state.accessTokens.expireAll() }, 200));

  app.post('/reset', (c) => {
    reset();
    return c.body(null, 204);
  });

  return app;
}
