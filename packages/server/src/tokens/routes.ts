/**
 * @module
 * The merchant API for tokens: create (`POST /`), read (`GET /:tokenId`) and follow
 * (`GET /:tokenId/events`). Mounted under `/api/network-tokens`.
 */
import {
  createTokenBodySchema,
  IDEMPOTENCY_HEADER,
  type IntegrationFlow,
  toFieldIssues,
} from '@smartpay/contract';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { ResolveAccount } from '../accounts/session-account.js';
import { MerchantError } from '../errors/merchant-error.js';
import type { AppEnv } from '../middleware/request-context.js';
import { requireIdempotencyKey } from '../request/idempotency-key.js';
import { readJsonBody } from '../request/json-body.js';
import type { StatusWatcher } from '../watcher/status-watcher.js';
import { bearerCredentials, type ClientSecrets } from './client-secret.js';
import type { CreateToken } from './create-token.js';
import { type DirectAttempts, withoutProxyTokens } from './direct-attempts.js';
import { createEventStream } from './event-stream.js';
import { NodeEventStream, nodeResponseOf } from './node-event-stream.js';
import { toPublicToken } from './public-token.js';
import { StatusStream } from './status-stream.js';
import type { StreamLimits } from './stream-limits.js';

export interface TokenRoutesOptions {
  createToken: CreateToken;
  watcher: StatusWatcher;
  secrets: ClientSecrets;
  resolveAccount: ResolveAccount;
  integrationFlows: readonly IntegrationFlow[];
  /** Applied to create only. */
  createRateLimit: MiddlewareHandler;
  /** Caps on open event streams, their heartbeats and idle close. */
  streams: StreamLimits;
  /** Who a stream counts against (the peer address). */
  clientKey: (c: Context) => string;
  /** Direct creates through SmartPay's PCI proxy (`POST /direct-attempts`, and creates it forwards). */
  directAttempts?: DirectAttempts;
}

export function tokenRoutes(options: TokenRoutesOptions): Hono<AppEnv> {
  const { watcher, secrets } = options;
  const routes = new Hono<AppEnv>();

  /** The same 401 whether the token exists or not: the check needs no lookup. */
  function authorize(c: Context<AppEnv>, tokenId: string): void {
    if (!secrets.verify(tokenId, bearerCredentials(c.req.header('authorization')))) {
      throw new MerchantError(
        'invalid_client_secret',
        'Send the token’s client secret as "Authorization: Bearer <clientSecret>".',
      );
    }
  }

  const { directAttempts } = options;
  if (directAttempts) {
    routes.post('/direct-attempts', options.createRateLimit, (c) => directAttempts.issue(c));
  }
  // A create the PCI proxy forwards comes from the proxy's address for every shopper: its attempt
  // was rate-limited when it was issued, and its credential is checked before anything else.
  const createLimit: MiddlewareHandler = (c, next) =>
    directAttempts?.forwarded(c) ? next() : options.createRateLimit(c, next);

  routes.post('/', createLimit, async (c) => {
    const forwarded = directAttempts?.forwarded(c);
    const parsed = createTokenBodySchema.safeParse(await readJsonBody(c));
    if (!parsed.success) {
      const fields = toFieldIssues(parsed.error).map(({ path, message }) => ({ path, message }));
      throw new MerchantError(
        'validation_failed',
        `The request body has ${fields.length} problem(s); see fields.`,
        {
          fields,
        },
      );
    }
    const body = parsed.data;
    if (forwarded && body.integrationFlow !== 'direct') {
      const message = 'integrationFlow must be direct in a create sent through the PCI proxy';
      throw new MerchantError('validation_failed', message, {
        fields: [{ path: 'integrationFlow', message }],
      });
    }
    if (!options.integrationFlows.includes(body.integrationFlow)) {
      throw new MerchantError(
        'flow_not_allowed',
        `This merchant does not offer the ${body.integrationFlow} flow.`,
      );
    }
    const idempotencyKey = forwarded?.idempotencyKey ?? requireIdempotencyKey(c);
    const given = c.req.header(IDEMPOTENCY_HEADER);
    if (forwarded && given !== undefined && given !== idempotencyKey) {
      throw new MerchantError(
        'idempotency_key_invalid',
        `The ${IDEMPOTENCY_HEADER} header is not the attempt's.`,
      );
    }
    const created = await options.createToken({
      body,
      idempotencyKey,
      resolveAccount: async () => forwarded?.accountReferenceId ?? options.resolveAccount(c),
      ...(forwarded ? { bindKeyTo: withoutProxyTokens } : {}),
      logger: c.get('logger'),
      requestId: c.get('requestId'),
    });
    if (created.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(
      {
        tokenId: created.tokenId,
        status: created.status,
        clientSecret: secrets.issue(created.tokenId),
        createdAt: created.createdAt,
      },
      201,
    );
  });

  routes.get('/:tokenId', async (c) => {
    const tokenId = c.req.param('tokenId');
    authorize(c, tokenId);
    const stored = await watcher.current(tokenId);
    return c.json(toPublicToken(stored.token));
  });

  // SmartPay's form accepted the card (the widget says so): the watcher reads fast from now on.
  routes.post('/:tokenId/card-submitted', (c) => {
    const tokenId = c.req.param('tokenId');
    authorize(c, tokenId);
    watcher.cardSubmitted(tokenId);
    return c.body(null, 202);
  });

  routes.get('/:tokenId/events', async (c) => {
    const tokenId = c.req.param('tokenId');
    authorize(c, tokenId);
    // What the server knows: a connect costs no SmartPay read (the watcher reads on its schedule).
    const initial = await watcher.known(tokenId);
    const logger = c.get('logger');
    const status = new StatusStream({
      tokenId,
      logger,
      requestId: c.get('requestId'),
      // Each status is sent once per browser: a reconnect names the last one it had.
      lastStatus: c.req.header('last-event-id') || undefined,
    });
    // On Node's http server the stream writes to the response itself (much less memory per stream);
    // a HEAD (routed here too) keeps the Web stream, whose answer ends at once.
    const outgoing = c.req.method === 'GET' ? nodeResponseOf(c) : undefined;
    const stream = outgoing
      ? new NodeEventStream(outgoing, status.cancelled)
      : createEventStream(status.cancelled);
    status.attach(stream);
    const admission = options.streams.admit(options.clientKey(c), tokenId, status);
    if (!admission.admitted) {
      status.refused();
      const { reason, retryAfterSeconds } = admission;
      logger.warn('sse.refused', { tokenId, reason });
      throw new MerchantError('rate_limited', `Too many open event streams (${reason}); retry later.`, {
        retryAfterSeconds,
      });
    }
    status.admitted(admission);

    status.sendStatus(toPublicToken(initial.token));
    if (!status.closed) status.subscribed(watcher.subscribe(tokenId, status.listener));
    c.header('Content-Type', 'text/event-stream; charset=utf-8');
    c.header('X-Accel-Buffering', 'no'); // nginx: pass events through at once
    return stream.body ? c.body(stream.body, 200) : c.body(null, 200);
  });

  return routes;
}
