import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { detectBrand } from '../cards/brand.js';
import { cardProblemSentence } from '../cards/card-problem-text.js';
import { cardDigits, cardNumberProblem, cvcProblem } from '../cards/card-rules.js';
import { readJsonOrFieldIssue } from '../http/bounded-body.js';
import { smartPayErrorResponse } from '../http/smartpay-errors.js';
import { isRecord } from '../json-values.js';
import type { SandboxState } from '../sandbox-state.js';

/** The problems of a tokenize body, as sentences. */
function tokenizeProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['body must be an object'];
  const { pan, cvv } = body;
  const problems: string[] = [];
  if (typeof pan !== 'string') problems.push(pan === undefined ? 'pan is required' : 'pan must be a string');
  else {
    const problem = cardNumberProblem(pan);
    if (problem) problems.push(cardProblemSentence('pan', problem));
  }
  if (typeof cvv !== 'string') problems.push(cvv === undefined ? 'cvv is required' : 'cvv must be a string');
  else {
    const problem = cvcProblem(cvv);
    if (problem) problems.push(cardProblemSentence('cvv', problem));
  }
  return problems;
}

/**
 * LEGACY, to be removed once the widget sends its direct create through `POST /forwarding/tokenize`
 * (routes/forwarding.ts): SmartPay has no such endpoint. `{pan, cvv}` in, `{cardToken, cvvToken}`
 * out. Browsers call it straight from the merchant's card fields, so it answers CORS for any origin
 * and needs no keys.
 */
export function pciProxyRoutes(state: SandboxState): Hono {
  const app = new Hono();
  app.use(
    '/pci-proxy/*',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 600 }),
  );
  app.post('/pci-proxy/tokenize', async (c) => {
    const body = await readJsonOrFieldIssue(c.req.raw);
    if (!body.ok) return smartPayErrorResponse(400, [body.issue.message]);
    const problems = tokenizeProblems(body.value);
    if (problems.length > 0) return smartPayErrorResponse(400, problems);
    const digits = cardDigits((body.value as { pan: string }).pan);
    // cardNumberProblem found none, so the brand is Visa or Mastercard.
    return c.json(state.vault.tokenize(digits, detectBrand(digits)!), 200);
  });
  return app;
}
