/**
 * @module
 * The merchant API for tokens: create (`POST /`), read (`GET /:tokenId`) and follow
 * (`GET /:tokenId/events`). Mounted under `/api/network-tokens`.
 */
import {
  createTokenBodySchema,
  IDEMPOTENCY_HEADER,
  type IntegrationFlow,
  isFinalStatus,
  type PublicToken,
  STATUS_EVENT,
  toFieldIssues,
} from '@smartpay/contract';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { ResolveAccount } from '../accounts/session-account.js';
import { errorBody } from '../errors/error-handler.js';
import { MerchantError } from '../errors/merchant-error.js';
import type { AppEnv } from '../middleware/request-context.js';
import { requireIdempotencyKey } from '../request/idempotency-key.js';
import { readJsonBody } from '../request/json-body.js';
import type { StatusWatcher, WatchEvent } from '../watcher/status-watcher.js';
import { bearerCredentials, type ClientSecrets } from './client-secret.js';
import type { CreateToken } from './create-token.js';
import { type DirectAttempts, withoutProxyTokens } from './direct-attempts.js';
import { createEventStream } from './event-stream.js';
import { NodeEventStream, nodeResponseOf } from './node-event-stream.js';
import { toPublicToken } from './public-token.js';
import type { StreamLimits } from './stream-limits.js';

/** A stream closed for idleness asks the browser to reconnect after this (it resumes with Last-Event-ID). */
const IDLE_RECONNECT_MS = 1_000;

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
    const requestId = c.get('requestId');
    const opened = Date.now();

    let unsubscribe = () => {};
    let cleaned = false;
    const cleanUp = () => {
      if (cleaned) return;
      cleaned = true;
      if (admission.admitted) admission.release();
      unsubscribe();
      logger.info('sse.closed', { tokenId, durationMs: Date.now() - opened });
    };
    // On Node's http server the stream writes to the response itself (much less memory per stream).
    const outgoing = nodeResponseOf(c);
    const stream = outgoing ? new NodeEventStream(outgoing, cleanUp) : createEventStream(cleanUp);
    const finish = () => {
      cleanUp();
      stream.close();
    };
    const admission = options.streams.admit(options.clientKey(c), tokenId, {
      heartbeat: () => stream.comment('heartbeat'),
      closeIdle: () => {
        stream.retry(IDLE_RECONNECT_MS);
        finish();
      },
    });
    if (!admission.admitted) {
      cleaned = true;
      stream.close();
      const { reason, retryAfterSeconds } = admission;
      logger.warn('sse.refused', { tokenId, reason });
      throw new MerchantError('rate_limited', `Too many open event streams (${reason}); retry later.`, {
        retryAfterSeconds,
      });
    }

    // Each status is sent once per browser: a reconnect names the last one it had (Last-Event-ID).
    let lastStatus = c.req.header('last-event-id') || undefined;
    const sendStatus = (token: PublicToken) => {
      if (token.status !== lastStatus) {
        lastStatus = token.status;
        stream.send(STATUS_EVENT, token, token.status);
        admission.touch();
      }
      if (isFinalStatus(token.status)) finish();
    };
    const onEvent = (event: WatchEvent) => {
      switch (event.type) {
        case 'status':
          return sendStatus(event.token);
        case 'timeout':
          stream.send('timeout', event.token);
          return finish();
        case 'gone':
          stream.send(
            'error',
            errorBody(new MerchantError('not_found', 'No such network token.'), requestId),
          );
          return finish();
        case 'closed':
          return finish();
      }
    };

    sendStatus(toPublicToken(initial.token));
    if (!stream.closed) {
      const stop = watcher.subscribe(tokenId, onEvent);
      if (stream.closed)
        stop(); // the watcher was already closed
      else unsubscribe = stop;
    }
    c.header('Content-Type', 'text/event-stream; charset=utf-8');
    c.header('X-Accel-Buffering', 'no'); // nginx: pass events through at once
    return stream.body ? c.body(stream.body, 200) : c.body(null, 200);
  });

  return routes;
}
