/**
 * @module
 * The server-to-server API, mounted under `/v1`: a token's full view (network token number
 * included, for charging), an account's tokens, removal, and the webhook events with their
 * attempts, for reconciliation and redelivery. Every route needs the merchant API key.
 */
import { isFinalStatus } from '@smartpay/contract';
import { Hono } from 'hono';
import { MerchantError } from '../errors/merchant-error.js';
import type { AppEnv } from '../middleware/request-context.js';
import { apiSecurityHeaders } from '../middleware/security-headers.js';
import type { StoredToken, TokenStore } from '../store/token-store.js';
import type { StatusWatcher } from '../watcher/status-watcher.js';
import { requireMerchantApiKey } from './merchant-api-key.js';
import { encodeCursor, readPageQuery } from './page-query.js';
import { toV1Event, toV1Token } from './views.js';

export interface V1RoutesOptions {
  store: TokenStore;
  watcher: StatusWatcher;
  /** MERCHANT_API_KEY; unset: every route answers that the API is off. */
  apiKey: string | undefined;
  now: () => number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noSuchToken = () => new MerchantError('not_found', 'No such network token here.');
const noSuchEvent = () => new MerchantError('not_found', 'No such event.');

interface TokenCursor {
  s: number;
  t: string;
}
const isTokenCursor = (value: unknown): value is TokenCursor =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as TokenCursor).s) &&
  typeof (value as TokenCursor).t === 'string';
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function v1Routes(options: V1RoutesOptions): Hono<AppEnv> {
  const { store, watcher, now } = options;
  const v1 = new Hono<AppEnv>();
  v1.use(apiSecurityHeaders());
  v1.use(requireMerchantApiKey(options.apiKey));

  /** The stored token, refreshed from SmartPay while not final (the stored one when SmartPay fails). */
  async function current(tokenId: string): Promise<StoredToken> {
    const stored = await store.getToken(tokenId);
    if (!stored) throw noSuchToken();
    if (stored.removedAt !== undefined || (stored.fullView && isFinalStatus(stored.token.status)))
      return stored;
    const fresh = await watcher.current(tokenId).catch(() => stored);
    return (await store.getToken(tokenId)) ?? fresh;
  }

  v1.get('/network-tokens/:tokenId', async (c) => c.json(toV1Token(await current(c.req.param('tokenId')))));

  v1.delete('/network-tokens/:tokenId', async (c) => {
    const tokenId = c.req.param('tokenId');
    const stored = await store.getToken(tokenId);
    if (!stored) throw noSuchToken();
    // Removing twice is fine: the token stays removed.
    if (stored.removedAt === undefined) await store.removeToken(tokenId, now());
    c.get('logger').info('token.removed', { tokenId, by: 'merchant' });
    return c.body(null, 204);
  });

  v1.get('/accounts/:accountReferenceId/network-tokens', async (c) => {
    const account = c.req.param('accountReferenceId');
    if (!UUID.test(account)) {
      const message = 'must be a UUID';
      throw new MerchantError('validation_failed', `accountReferenceId ${message}`, {
        fields: [{ path: 'accountReferenceId', message }],
      });
    }
    const { limit, after } = readPageQuery(c, isTokenCursor);
    const found = await store.listAccountTokens(account.toLowerCase(), {
      limit: limit + 1,
      ...(after ? { after: { storedAt: after.s, tokenId: after.t } } : {}),
    });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return c.json({
      data: page.map((entry) => toV1Token(entry.token)),
      next: found.length > limit && last ? encodeCursor({ s: last.storedAt, t: last.token.tokenId }) : null,
    });
  });

  v1.get('/events', async (c) => {
    const { limit, after } = readPageQuery(c, isSeq);
    const events = await store.listWebhookEvents(after ?? 0, limit + 1);
    const page = events.slice(0, limit);
    const records = await store.webhookEventRecords(page.map((event) => event.id));
    const last = page.at(-1);
    return c.json({
      data: records.map(toV1Event),
      next: events.length > limit && last ? encodeCursor(last.seq) : null,
    });
  });

  v1.get('/events/:eventId', async (c) => {
    const [record] = await store.webhookEventRecords([c.req.param('eventId')]);
    if (!record) throw noSuchEvent();
    return c.json(toV1Event(record));
  });

  v1.get('/events/:eventId/attempts', async (c) => {
    const [record] = await store.webhookEventRecords([c.req.param('eventId')]);
    if (!record) throw noSuchEvent();
    return c.json({ data: toV1Event(record).attempts });
  });

  v1.post('/events/:eventId/redeliver', async (c) => {
    const eventId = c.req.param('eventId');
    if (!(await store.redeliverWebhookEvent(eventId, now()))) throw noSuchEvent();
    const [record] = await store.webhookEventRecords([eventId]);
    return c.json(toV1Event(record as NonNullable<typeof record>), 202);
  });

  return v1;
}
