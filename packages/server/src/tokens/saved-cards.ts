/**
 * @module
 * The shopper's saved cards, mounted under `/api/saved-cards`: the ACTIVE tokens of the current
 * session's account (the same `resolveAccount` as create), public view only, and removal of one
 * of them. Another account's token is answered as not found, never told apart.
 */
import type { SavedCard, SavedCardList } from '@smartpay/contract';
import { Hono } from 'hono';
import type { ResolveAccount } from '../accounts/session-account.js';
import { MerchantError } from '../errors/merchant-error.js';
import type { AppEnv } from '../middleware/request-context.js';
import type { TokenStore } from '../store/token-store.js';
import { toPublicToken } from './public-token.js';

export interface SavedCardRoutesOptions {
  store: TokenStore;
  resolveAccount: ResolveAccount;
  now: () => number;
}

/** Saved cards listed at most: a shopper with more sees the newest. */
export const MAX_SAVED_CARDS = 100;

export function savedCardRoutes(options: SavedCardRoutesOptions): Hono<AppEnv> {
  const { store } = options;
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const account = await options.resolveAccount(c);
    const found = await store.listAccountTokens(account, { limit: MAX_SAVED_CARDS, activeOnly: true });
    const data = found.flatMap(({ token: stored }): SavedCard[] => {
      const card = toPublicToken(stored.token).card;
      return card ? [{ tokenId: stored.tokenId, card, createdAt: stored.token.createdAt }] : [];
    });
    const body: SavedCardList = { data };
    return c.json(body);
  });

  routes.delete('/:tokenId', async (c) => {
    const tokenId = c.req.param('tokenId');
    const account = await options.resolveAccount(c);
    if (!(await store.removeToken(tokenId, options.now(), account))) {
      throw new MerchantError('not_found', 'No such saved card.');
    }
    c.get('logger').info('token.removed', { tokenId, by: 'shopper' });
    return c.body(null, 204);
  });

  return routes;
}
