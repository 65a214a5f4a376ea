import {
  type FieldIssue,
  issueAt,
  type TokenRequest,
  toFieldIssues,
  tokenRequestSchema,
} from '@smartpay/contract';
import { Hono } from 'hono';
import { cardOfDirectCreate, directCardIssues } from '../direct-card.js';
import { readJsonOrFieldIssue } from '../http/bounded-body.js';
import { requiredHeaderIssues } from '../http/required-headers.js';
import { smartPayErrorResponse, validationMessage } from '../http/smartpay-errors.js';
import { isUuid } from '../json-values.js';
import { merchantFor } from '../merchants.js';
import type { SandboxState } from '../sandbox-state.js';
import { createdTokenView, tokenView } from '../tokens/token-view.js';

const badRequest = (issues: readonly FieldIssue[]) =>
  smartPayErrorResponse(400, issues.map(validationMessage));

/**
 * SmartPay's two network-token endpoints, as the API page describes them. Credentials are checked
 * first (401), then every header and body problem at once (400), then the token (404, 403).
 */
export function networkTokenRoutes(state: SandboxState): Hono {
  const app = new Hono();
  const bearer = (accessToken: string) => state.accessTokens.merchantOf(accessToken);

  app.post('/network-tokens', async (c) => {
    const merchant = merchantFor(c.req.header('authorization'), bearer);
    if (!merchant) return smartPayErrorResponse(401);
    const issues = requiredHeaderIssues(c.req.raw.headers);
    const body = await readJsonOrFieldIssue(c.req.raw);
    let request: TokenRequest | undefined;
    if (!body.ok) {
      issues.push(body.issue);
    } else {
      const parsed = tokenRequestSchema.safeParse(body.value);
      if (parsed.success) request = parsed.data;
      else issues.push(...toFieldIssues(parsed.error));
      issues.push(...directCardIssues(body.value, state.vault, state.now(), issues));
    }
    if (issues.length > 0 || !request) return badRequest(issues);
    const card =
      request.integrationFlow === 'direct' && request.cardDetails
        ? cardOfDirectCreate(request.cardDetails, state.vault)
        : undefined;
    const record = state.tokens.create(merchant, request.integrationFlow, card);
    return c.json(createdTokenView(record), 200);
  });

  app.get('/network-tokens/:tokenId', (c) => {
    const merchant = merchantFor(c.req.header('authorization'), bearer);
    if (!merchant) return smartPayErrorResponse(401);
    const tokenId = c.req.param('tokenId');
    const issues = requiredHeaderIssues(c.req.raw.headers);
    if (!isUuid(tokenId))
      issues.push(issueAt('tokenId', { code: 'invalid_format', params: { format: 'uuid' } }));
    if (issues.length > 0) return badRequest(issues);
    const record = state.tokens.get(tokenId);
    if (!record) return smartPayErrorResponse(404);
    // The sandbox's 403: a token is only visible to the merchant that created it.
    if (record.merchant !== merchant) return smartPayErrorResponse(403);
    if (state.tokens.takeFailingRead(record)) return smartPayErrorResponse(500);
    return c.json(tokenView(record), 200);
  });

  return app;
}
