import sinon from 'sinon';

/** One request the widget made, as the fake server saw it. */
export interface Recorded {
  readonly url: string;
  readonly path: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** An open status stream: the test decides what it says and when it drops. */
export interface Stream {
  readonly tokenId: string;
  readonly closed: boolean;
  send(status: string, extra?: object): void;
  heartbeat(): void;
  /** Writes raw event-stream text (ids, retry hints). */
  raw(text: string): void;
  /** The server ends the stream (as after a final status, or a proxy cutting it). */
  end(): void;
  /** The connection breaks. */
  fail(): void;
  timeout(): void;
}

type Handler = (request: Recorded) => Response | Promise<Response>;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const PROXY_URL = 'https://pci.smartpay.test/forwarding/tokenize';
/** The credential the fake server's direct attempts carry for the proxy to forward with. */
export const ATTEMPT_CREDENTIAL = 'Bearer ntpa_test';
export const SDK_URL = 'https://sdk.smartpay.test/sdk/smp-bundle.js';

/**
 * The merchant API and SmartPay's PCI proxy, in the page: `fetch` is stubbed, nothing leaves the
 * browser. Tokens are created PENDING_PAYMENT_FORM (or ACTIVE, direct); `setStatus` moves them
 * and tells every open stream. `on(method, path, handler)` overrides one route for a test. The
 * proxy swaps the card number and CVC for tokens and forwards the create to the merchant's create
 * route, as SmartPay's does (`forwarded`: what the merchant server got from it).
 */
export class FakeServer {
  readonly requests: Recorded[] = [];
  readonly forwarded: Recorded[] = [];
  readonly streams: Stream[] = [];
  config: Record<string, unknown> = {
    sdkUrl: SDK_URL,
    integrationFlows: ['payment-form', 'direct'],
    currencyCode: 'EUR',
  };
  /** The card every token gets when it turns ACTIVE. */
  card: { brand: string; last4: string; expiryMonth: string; expiryYear: string } | undefined = {
    brand: 'VISA',
    last4: '1111',
    expiryMonth: '12',
    expiryYear: '2030',
  };
  /** Whether a new stream says the current status at once (the server does). */
  sendOnConnect = true;
  readonly tokens = new Map<string, { status: string; updatedAt: string }>();
  #overrides: [string, string | RegExp, Handler][] = [];
  #stub?: sinon.SinonStub;
  #count = 0;

  install(): this {
    this.#stub = sinon.stub(window, 'fetch').callsFake((input, init) => this.#fetch(input as string, init));
    return this;
  }

  restore(): void {
    this.#stub?.restore();
    for (const stream of this.streams) if (!stream.closed) stream.end();
  }

  on(method: string, path: string | RegExp, handler: Handler): this {
    this.#overrides.unshift([method, path, handler]);
    return this;
  }

  /** The requests to a path (string: exact, RegExp: match), optionally of one method. */
  to(path: string | RegExp, method?: string): Recorded[] {
    return this.requests.filter(
      (r) =>
        (typeof path === 'string' ? r.path === path : path.test(r.path)) && (!method || r.method === method),
    );
  }

  publicToken(tokenId: string): Record<string, unknown> {
    const token = this.tokens.get(tokenId)!;
    return { tokenId, ...token, ...(token.status === 'ACTIVE' && this.card ? { card: this.card } : {}) };
  }

  setStatus(tokenId: string, status: string): void {
    this.tokens.set(tokenId, { status, updatedAt: new Date().toISOString() });
    for (const stream of this.streams) if (stream.tokenId === tokenId && !stream.closed) stream.send(status);
  }

  lastStream(): Stream | undefined {
    return this.streams.at(-1);
  }

  async #fetch(input: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input, location.href);
    const request: Recorded = {
      url: url.href,
      path: url.origin === location.origin ? url.pathname : url.href,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body as string | undefined,
      ...(init.signal ? { signal: init.signal } : {}),
    };
    this.requests.push(request);
    const signal = init.signal;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    await Promise.resolve();
    const response = await this.#answer(request, signal ?? undefined);
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return response;
  }

  #answer(request: Recorded, signal?: AbortSignal): Response | Promise<Response> {
    const override = this.#overrides.find(
      ([method, path]) =>
        (method === '*' || method === request.method) &&
        (typeof path === 'string' ? path === request.path : path.test(request.path)),
    );
    return override ? override[2](request) : this.#route(request, signal);
  }

  /** SmartPay's PCI proxy: a 400 naming the path of a value that is not a card number or CVC. */
  #proxy(request: Recorded, signal?: AbortSignal): Response | Promise<Response> {
    const headers = request.headers;
    const body = JSON.parse(request.body ?? '{}');
    const card = body.cardDetails ?? {};
    if (headers.get('X-Pcp-Cc-Path') !== 'cardDetails.cardToken' || !/^\d{12,19}$/.test(card.cardToken)) {
      return json({ message: ['cardDetails.cardToken must be a card number'] }, 400);
    }
    if (headers.get('X-Pcp-Cvv-Path') !== 'cardDetails.cvvToken' || !/^\d{3,4}$/.test(card.cvvToken)) {
      return json({ message: ['cardDetails.cvvToken must be 3 or 4 digits'] }, 400);
    }
    const target = new URL(headers.get('X-Pcp-Url')!);
    const forwarded: Recorded = {
      url: target.href,
      path: target.pathname,
      method: 'POST',
      headers: new Headers({
        'Content-Type': 'application/json',
        Authorization: headers.get('X-Pcp-Authorization')!,
      }),
      body: JSON.stringify({
        ...body,
        cardDetails: { ...card, cardToken: `ct_${++this.#count}abcdef`, cvvToken: `cv_${this.#count}` },
      }),
    };
    this.forwarded.push(forwarded);
    return this.#answer(forwarded, signal);
  }

  #route(request: Recorded, signal?: AbortSignal): Response | Promise<Response> {
    const { method, path } = request;
    if (path === PROXY_URL && method === 'POST') return this.#proxy(request, signal);
    if (path === '/api/network-tokens/direct-attempts' && method === 'POST') {
      const headers = {
        'X-Pcp-Url': `${location.origin}/api/network-tokens`,
        'X-Pcp-Authorization': ATTEMPT_CREDENTIAL,
        'X-Pcp-Cc-Path': 'cardDetails.cardToken',
        'X-Pcp-Cvv-Path': 'cardDetails.cvvToken',
      };
      return json({ proxyUrl: PROXY_URL, headers, expiresAt: new Date(Date.now() + 3e5).toISOString() }, 201);
    }
    if (path === '/api/config') return json(this.config);
    if (path === '/api/network-tokens' && method === 'POST') {
      const body = JSON.parse(request.body ?? '{}');
      const tokenId = `tok_${++this.#count}`;
      const status = body.integrationFlow === 'direct' ? 'ACTIVE' : 'PENDING_PAYMENT_FORM';
      const createdAt = new Date().toISOString();
      this.tokens.set(tokenId, { status, updatedAt: createdAt });
      return json({ tokenId, status, clientSecret: `secret_${tokenId}`, createdAt }, 201);
    }
    const match = /^\/api\/network-tokens\/([^/]+)(\/events)?$/.exec(path);
    if (match && method === 'GET') {
      const tokenId = decodeURIComponent(match[1]!);
      if (request.headers.get('Authorization') !== `Bearer secret_${tokenId}` || !this.tokens.has(tokenId)) {
        return json(
          { error: { type: 'authentication_error', code: 'invalid_client_secret', message: 'no' } },
          401,
        );
      }
      return match[2] ? this.#stream(tokenId, signal) : json(this.publicToken(tokenId));
    }
    return json({ error: { type: 'invalid_request_error', code: 'not_found', message: path } }, 404);
  }

  #stream(tokenId: string, signal?: AbortSignal): Response {
    const encoder = new TextEncoder();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let closed = false;
    const write = (text: string) => !closed && controller.enqueue(encoder.encode(text));
    const server = this;
    const stream: Stream = {
      tokenId,
      get closed() {
        return closed;
      },
      send(status, extra = {}) {
        const token = { ...server.publicToken(tokenId), status, ...extra };
        write(`event: status\ndata: ${JSON.stringify(token)}\n\n`);
      },
      heartbeat: () => write(': heartbeat\n\n'),
      raw: write,
      timeout: () => write('event: timeout\ndata: {}\n\n'),
      end() {
        if (closed) return;
        closed = true;
        controller.close();
      },
      fail() {
        if (closed) return;
        closed = true;
        controller.error(new TypeError('network error'));
      },
    };
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      cancel() {
        closed = true;
      },
    });
    signal?.addEventListener('abort', () => stream.fail());
    this.streams.push(stream);
    if (this.sendOnConnect) stream.send(this.tokens.get(tokenId)!.status);
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
  }
}

export { json };
