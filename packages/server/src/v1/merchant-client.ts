/**
 * @module
 * `createMerchantClient`: the `/v1` API for a merchant's Node backend, typed and checked, so it
 * needs no hand-written HTTP. Errors come back as {@link MerchantApiError} with the envelope's
 * code.
 */
import {
  type MerchantErrorBody,
  type MerchantErrorCode,
  V1_PATHS,
  type V1Event,
  type V1EventPage,
  type V1Token,
  type V1TokenPage,
  v1EventPageSchema,
  v1EventSchema,
  v1TokenPageSchema,
  v1TokenSchema,
} from '@smartpay/contract';
import type { z } from 'zod';

export interface MerchantClientOptions {
  /** The merchant server, e.g. `https://pay.shop.example` (without `/v1`). */
  baseUrl: string;
  /** MERCHANT_API_KEY. */
  apiKey: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

export interface PageOptions {
  /** 1 to 100 (20). */
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
}

export interface MerchantClient {
  /** The full view, network token number included (null until ACTIVE and after removal). */
  getToken(tokenId: string): Promise<V1Token>;
  /** An account's tokens, newest first. */
  listAccountTokens(accountReferenceId: string, page?: PageOptions): Promise<V1TokenPage>;
  /** Removes a token here (its number is wiped). SmartPay documents no delete: it lives on there. */
  removeToken(tokenId: string): Promise<void>;
  /** Webhook events in the order written, with deliveries and attempts: for reconciliation. */
  listEvents(page?: PageOptions): Promise<V1EventPage>;
  getEvent(eventId: string): Promise<V1Event>;
  /** Sends an event again now, to every endpoint. */
  redeliverEvent(eventId: string): Promise<V1Event>;
}

/** A non-2xx answer of `/v1`. */
export class MerchantApiError extends Error {
  override readonly name = 'MerchantApiError';
  constructor(
    readonly status: number,
    readonly code: MerchantErrorCode | 'unexpected_answer',
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export function createMerchantClient(options: MerchantClientOptions): MerchantClient {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  /** Sends the request; the answer, or a MerchantApiError. */
  async function send(method: string, path: string, query?: PageOptions): Promise<Response> {
    const url = new URL(base + path);
    if (query?.limit !== undefined) url.searchParams.set('limit', String(query.limit));
    if (query?.cursor !== undefined) url.searchParams.set('cursor', query.cursor);
    const response = await fetchImpl(url, {
      method,
      headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as MerchantErrorBody | undefined;
      const error = body?.error;
      throw new MerchantApiError(
        response.status,
        error?.code ?? 'unexpected_answer',
        error?.message ?? `HTTP ${response.status}`,
        error?.requestId,
      );
    }
    return response;
  }

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    query?: PageOptions,
  ): Promise<z.infer<S>> {
    const response = await send(method, path, query);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new MerchantApiError(
        response.status,
        'unexpected_answer',
        'The answer is not what /v1 documents.',
      );
    }
    return parsed.data;
  }

  return {
    getToken: (tokenId) => call('GET', V1_PATHS.token(tokenId), v1TokenSchema),
    listAccountTokens: (account, page) =>
      call('GET', V1_PATHS.accountTokens(account), v1TokenPageSchema, page),
    removeToken: async (tokenId) => {
      await (await send('DELETE', V1_PATHS.token(tokenId))).body?.cancel();
    },
    listEvents: (page) => call('GET', V1_PATHS.events, v1EventPageSchema, page),
    getEvent: (eventId) => call('GET', V1_PATHS.event(eventId), v1EventSchema),
    redeliverEvent: (eventId) => call('POST', V1_PATHS.redeliver(eventId), v1EventSchema),
  };
}
