import { PCI_PROXY_HEADERS } from '@smartpay/contract/core';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { detectBrand } from '../cards/brand.js';
import { cardProblemSentence } from '../cards/card-problem-text.js';
import { cardDigits, cardNumberProblem, cvcProblem } from '../cards/card-rules.js';
import { forwardingTarget } from '../forwarding/allowlist.js';
import { parsePath, replaceAt, valueAt } from '../forwarding/json-path.js';
import { readJsonOrFieldIssue } from '../http/bounded-body.js';
import { smartPayErrorResponse, traceErrorBody } from '../http/smartpay-errors.js';
import type { SandboxState } from '../sandbox-state.js';
import { SANDBOX_VERSION } from '../version.js';

/** Request headers passed on to the target besides Content-Type and the Authorization from X-Pcp-Authorization. */
const PASSED_ON = ['accept', 'accept-language', 'origin', 'user-agent'] as const;

/** Answer headers passed back to the caller besides Content-Type. */
const PASSED_BACK = ['retry-after', 'x-request-id', 'idempotent-replayed'] as const;

/** The largest answer passed back from a target. */
const MAX_ANSWER_BYTES = 1024 * 1024;

const H = PCI_PROXY_HEADERS;

/** The problems of a card value at a path, as sentences naming the path (never the value). */
function valueProblems(
  body: unknown,
  path: string,
  segments: readonly string[],
  check: typeof cardNumberProblem,
): string[] {
  const value = valueAt(body, segments);
  if (value === undefined || value === null) return [`${path} is required`];
  if (typeof value !== 'string') return [`${path} must be a string`];
  const problem = check(value);
  return problem ? [cardProblemSentence(path, problem)] : [];
}

/**
 * SmartPay's PCI proxy as its API pages document it: `POST /forwarding/tokenize` with `X-Pcp-Url`
 * (where to forward), `X-Pcp-Authorization` (the Authorization to forward with) and `X-Pcp-Cc-Path`
 * (the JSON path of the card number), plus `X-Pcp-Cvv-Path` for the CVV. It replaces both with
 * permanent tokens (the vault's), forwards the body to an
 * allowlisted target and answers with the target's status, body and a few headers.
 */
export function forwardingRoutes(state: SandboxState): Hono {
  const app = new Hono();
  const { allowlist, fetch: forward, timeoutMs } = state.forwarding;
  app.use(
    '/forwarding/*',
    cors({
      origin: '*',
      allowMethods: ['POST'],
      allowHeaders: ['Content-Type', 'Accept-Language', H.url, H.authorization, H.cardPath, H.cvvPath],
      exposeHeaders: ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );

  app.post('/forwarding/tokenize', async (c) => {
    const problems: string[] = [];
    const target = forwardingTarget(c.req.header(H.url), allowlist);
    if ('problem' in target && target.problem === 'missing') problems.push(`${H.url} is required`);
    if ('problem' in target && target.problem === 'invalid') {
      problems.push(`${H.url} must be an absolute http(s) URL without credentials`);
    }
    const authorization = c.req.header(H.authorization)?.trim();
    if (!authorization) problems.push(`${H.authorization} is required`);
    const cardHeader = c.req.header(H.cardPath);
    const cardPath = parsePath(cardHeader);
    if (!cardPath) {
      problems.push(
        cardHeader === undefined
          ? `${H.cardPath} is required`
          : `${H.cardPath} must be a dotted JSON path such as cardDetails.cardToken`,
      );
    }
    const cvvHeader = c.req.header(H.cvvPath);
    const cvvPath = cvvHeader === undefined ? undefined : parsePath(cvvHeader);
    if (cvvHeader !== undefined && !cvvPath) {
      problems.push(`${H.cvvPath} must be a dotted JSON path such as cardDetails.cvvToken`);
    }
    if (problems.length > 0) return smartPayErrorResponse(400, problems);
    if ('problem' in target)
      return smartPayErrorResponse(403, [`${H.url} is not an allowed forwarding target`]);

    const body = await readJsonOrFieldIssue(c.req.raw);
    if (!body.ok) return smartPayErrorResponse(400, [body.issue.message]);
    const cardAt = cardHeader!.trim();
    problems.push(...valueProblems(body.value, cardAt, cardPath!, cardNumberProblem));
    if (cvvPath) problems.push(...valueProblems(body.value, cvvHeader!.trim(), cvvPath, cvcProblem));
    if (problems.length > 0) return smartPayErrorResponse(400, problems);

    const digits = cardDigits(valueAt(body.value, cardPath!) as string);
    // cardNumberProblem found none, so the brand is Visa or Mastercard.
    const tokens = state.vault.tokenize(digits, detectBrand(digits)!);
    replaceAt(body.value, cardPath!, tokens.cardToken);
    if (cvvPath) replaceAt(body.value, cvvPath, tokens.cvvToken);

    const headers = new Headers({ 'Content-Type': 'application/json', Authorization: authorization! });
    for (const name of PASSED_ON) {
      const value = c.req.header(name);
      if (value) headers.set(name, value);
    }
    if (!headers.has('user-agent'))
      headers.set('User-Agent', `smartpay-sandbox-pci-proxy/${SANDBOX_VERSION}`);
    let answer: Response;
    try {
      answer = await forward(target.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body.value),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return timedOut
        ? Response.json(traceErrorBody(504, 'The forwarding target did not answer in time.'), { status: 504 })
        : Response.json(traceErrorBody(502, 'The forwarding target could not be reached.'), { status: 502 });
    }
    if (answer.status >= 300 && answer.status < 400) {
      await answer.body?.cancel();
      return Response.json(traceErrorBody(502, 'The forwarding target answered with a redirect.'), {
        status: 502,
      });
    }
    const text = await answer.text();
    if (Buffer.byteLength(text) > MAX_ANSWER_BYTES) {
      return Response.json(traceErrorBody(502, 'The forwarding target answered too much.'), { status: 502 });
    }
    const back = new Headers();
    const type = answer.headers.get('content-type');
    if (type) back.set('Content-Type', type);
    for (const name of PASSED_BACK) {
      const value = answer.headers.get(name);
      if (value) back.set(name, value);
    }
    return new Response(text, { status: answer.status, headers: back });
  });
  return app;
}
