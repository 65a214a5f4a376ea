import { type Context, Hono } from 'hono';
import { FORM_REFUSALS, type FormReply, type FrameState, SDK_ERROR_CODES } from '../browser/protocol.js';
import { type BrowserAssetName, browserAsset } from '../browser-assets.js';
import { cardProblemSentence } from '../cards/card-problem-text.js';
import { brandOf, type CardEntry, cardDigits, cardEntryProblems, parseExpiry } from '../cards/card-rules.js';
import { outcomeFor } from '../cards/test-cards.js';
import { framePage, framePolicy } from '../hosted-form/frame-page.js';
import { readJsonOrFieldIssue } from '../http/bounded-body.js';
import { isOrigin } from '../http/required-headers.js';
import { smartPayErrorResponse } from '../http/smartpay-errors.js';
import { isRecord } from '../json-values.js';
import type { SandboxState } from '../sandbox-state.js';
import type { FormStep } from '../tokens/token-lifecycle.js';
import type { CardOnFile } from '../tokens/token-record.js';

const CONTENT_TYPES: Record<BrowserAssetName, string> = {
  'smp-bundle.js': 'text/javascript; charset=utf-8',
  'card-form.js': 'text/javascript; charset=utf-8',
  'card-form.css': 'text/css; charset=utf-8',
};

const PAGE_STATUS: Record<FrameState, 200 | 404 | 409 | 410> = {
  open: 200,
  unknown: 404,
  closed: 409,
  expired: 410,
};

/** The card step's body, when it has the right shape. */
function asCardEntry(value: unknown): CardEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { cardHolderName, number, expiry, cvc } = value;
  const strings = [cardHolderName, number, expiry, cvc].every((field) => typeof field === 'string');
  return strings ? (value as unknown as CardEntry) : undefined;
}

/** The card as the sandbox keeps it: brand, last four digits, expiry, and its test-card outcome. */
function cardOnFile(entry: CardEntry): CardOnFile {
  const digits = cardDigits(entry.number);
  const expiry = parseExpiry(entry.expiry)!;
  return {
    brand: brandOf(entry.number)!,
    last4: digits.slice(-4),
    expiryMonth: expiry.month,
    expiryYear: expiry.year,
    cardHolderName: entry.cardHolderName.trim(),
    outcome: outcomeFor(digits),
  };
}

function reply(c: Context, step: FormStep): Response {
  switch (step.next) {
    case 'provisioning':
    case 'challenge':
      return c.json({ next: step.next } satisfies FormReply, 200);
    case 'authentication-failed':
      return c.json(
        {
          next: 'failed',
          code: SDK_ERROR_CODES.authenticationFailed,
          message: 'The 3-D Secure challenge failed.',
        } satisfies FormReply,
        200,
      );
    case 'refused':
      return c.json(
        { next: 'failed', ...FORM_REFUSALS[step.availability] } satisfies FormReply,
        PAGE_STATUS[step.availability],
      );
  }
}

/**
 * The payment-form flow's browser side: the SDK script merchants load, the hosted card form it
 * frames, and the two endpoints that form posts to (same origin only).
 */
export function hostedFormRoutes(state: SandboxState): Hono {
  const app = new Hono();

  const serveAsset = (name: BrowserAssetName, crossOrigin: boolean) => async (c: Context) => {
    c.header('Content-Type', CONTENT_TYPES[name]);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cross-Origin-Resource-Policy', crossOrigin ? 'cross-origin' : 'same-origin');
    if (crossOrigin) c.header('Access-Control-Allow-Origin', '*');
    return c.body(await browserAsset(name));
  };
  app.get('/sdk/smp-bundle.js', serveAsset('smp-bundle.js', true));
  app.get('/sdk/card-form.js', serveAsset('card-form.js', false));
  app.get('/sdk/card-form.css', serveAsset('card-form.css', false));

  app.get('/sdk/card-form', (c) => {
    const tokenId = c.req.query('tokenId') ?? '';
    const parentOrigin = c.req.query('parentOrigin') ?? '';
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!isOrigin(parentOrigin)) {
      c.header('Content-Security-Policy', framePolicy(undefined));
      return c.text('parentOrigin must be the origin of the page that renders the form.', 400);
    }
    c.header('Content-Security-Policy', framePolicy(parentOrigin));
    const frameState = state.tokens.formAvailability(tokenId);
    const deadline = state.tokens.get(tokenId)?.formDeadline;
    const expiresInMs = frameState === 'open' && deadline !== undefined ? deadline - Date.now() : undefined;
    return c.html(
      framePage({ tokenId, parentOrigin, state: frameState, expiresInMs }),
      PAGE_STATUS[frameState],
    );
  });

  /** The form's endpoints take card data from the sandbox's own pages only. */
  const fromOwnOrigin = (c: Context) => {
    const origin = c.req.header('origin');
    const own = [new URL(c.req.url).origin, ...(state.publicUrl ? [new URL(state.publicUrl).origin] : [])];
    return origin !== undefined && own.includes(origin);
  };
  const foreignOrigin = (c: Context) =>
    c.json(
      {
        next: 'failed',
        code: SDK_ERROR_CODES.config,
        message: 'Card data is only accepted from the hosted form.',
      } satisfies FormReply,
      403,
    );

  app.post('/sdk/card-form/:tokenId/card', async (c) => {
    if (!fromOwnOrigin(c)) return foreignOrigin(c);
    const body = await readJsonOrFieldIssue(c.req.raw);
    if (!body.ok) return smartPayErrorResponse(400, [body.issue.message]);
    const entry = asCardEntry(body.value);
    if (!entry)
      return smartPayErrorResponse(400, ['body must hold cardHolderName, number, expiry and cvc as strings']);
    const problems = cardEntryProblems(entry, state.now());
    if (problems.length > 0) {
      return smartPayErrorResponse(
        400,
        problems.map(([field, problem]) => cardProblemSentence(field, problem)),
      );
    }
    return reply(c, state.tokens.submitCard(c.req.param('tokenId'), cardOnFile(entry)));
  });

  app.post('/sdk/card-form/:tokenId/challenge', async (c) => {
    if (!fromOwnOrigin(c)) return foreignOrigin(c);
    const body = await readJsonOrFieldIssue(c.req.raw);
    if (!body.ok) return smartPayErrorResponse(400, [body.issue.message]);
    const code = isRecord(body.value) ? body.value.code : undefined;
    if (typeof code !== 'string') return smartPayErrorResponse(400, ['code must be a string']);
    return reply(c, state.tokens.answerChallenge(c.req.param('tokenId'), code));
  });

  return app;
}
