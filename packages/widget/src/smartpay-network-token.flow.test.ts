import { expect, fixtureCleanup, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { SmartpayNetworkToken } from './smartpay-network-token.js';
import { FakeSdk } from './test/fake-sdk.js';
import { ATTEMPT_CREDENTIAL, FakeServer, json, PROXY_URL, SDK_URL } from './test/fake-server.js';
import {
  ADDRESS,
  CARD,
  CONSUMER,
  currentStep,
  fastTiming,
  field,
  mount,
  mountDirect,
  part,
  record,
  submitButton,
  TYPED,
  type,
  until,
} from './test/helpers.js';

const EVENTS = [
  'smartpay-ready',
  'smartpay-token-created',
  'smartpay-status-change',
  'smartpay-token-active',
  'smartpay-error',
];

/** The element with the consumer and billing address supplied: only "Continue" is left to press. */
const supplied = (attrs = html``) =>
  mount(html`<smartpay-network-token
    locale="en"
    .consumer=${CONSUMER}
    .billingAddress=${ADDRESS}
    >${attrs}</smartpay-network-token
  >`);

describe('<smartpay-network-token> flows', () => {
  let server: FakeServer;
  let sdk: FakeSdk;

  beforeEach(() => {
    fastTiming();
    server = new FakeServer().install();
    sdk = new FakeSdk().install();
  });

  afterEach(() => {
    fixtureCleanup();
    server.restore();
    sdk.uninstall();
  });

  describe('payment form', () => {
    it('creates the token, shows SmartPay’s form in the light DOM, follows it to ACTIVE, and says so', async () => {
      const el = await supplied();
      const events = record(el, ...EVENTS);
      submitButton(el).click();
      await until(() => sdk.calls.length === 1, 'the hosted form is rendered');
      await el.updateComplete;

      const [create] = server.to('/api/network-tokens', 'POST');
      expect(create!.headers.get('Idempotency-Key')).to.match(/^[\x21-\x7e]{8,255}$/);
      const body = JSON.parse(create!.body!);
      expect(body).to.deep.equal({
        integrationFlow: 'payment-form',
        consumer: CONSUMER,
        billingAddress: ADDRESS,
        shippingAddress: ADDRESS,
      });
      const created = events.find((e) => e.type === 'smartpay-token-created')!;
      expect(created.detail).to.have.keys(['tokenId', 'status', 'createdAt']);
      expect(created.detail).to.include({ tokenId: 'tok_1', status: 'PENDING_PAYMENT_FORM' });
      expect(created.bubbles && created.composed).to.be.true;

      const call = sdk.calls[0]!;
      const container = document.getElementById(call.containerId)!;
      expect(container.parentElement === el, 'the container is a light-DOM child').to.be.true;
      expect(container.slot).to.equal('card-form');
      expect(container.querySelector('iframe')).to.exist;
      expect(call).to.include({ tokenId: 'tok_1', locale: 'en' });
      expect(call.style).to.include({
        colorBackground: 'rgb(255, 255, 255)',
        borderRadius: '8px',
        spacing: '16px',
      });
      expect(call.style!.colorPrimary).to.match(/^rgb\(/);
      expect(call.style!.fontFamily).to.contain('system-ui');
      expect(currentStep(el)).to.equal('Card');
      expect(part(el, '.lead')?.textContent).to.equal("Enter your card in SmartPay's secure form.");
      await expect(el).to.be.accessible();

      sdk.accept();
      await until(() => currentStep(el) === 'Confirming');
      server.setStatus('tok_1', 'PROVISIONING');
      await expect(el).to.be.accessible();
      server.setStatus('tok_1', 'ACTIVE');
      await until(() => currentStep(el) === undefined && part(el, '[part~=success]'));
      await el.updateComplete;

      expect(events.map((e) => e.type)).to.deep.equal([
        'smartpay-token-created',
        'smartpay-status-change',
        'smartpay-status-change',
        'smartpay-token-active',
      ]);
      expect(events[1]!.detail).to.include({
        tokenId: 'tok_1',
        status: 'PROVISIONING',
        previousStatus: 'PENDING_PAYMENT_FORM',
      });
      expect(events[2]!.detail).to.include({ status: 'ACTIVE', previousStatus: 'PROVISIONING' });
      expect(events[3]!.detail).to.deep.include({ tokenId: 'tok_1', status: 'ACTIVE', card: server.card });
      expect(part(el, '[part~=success]')?.textContent).to.contain('Card saved');
      expect(part(el, '[part~=success]')?.textContent).to.contain('Visa ending in 1111, expires 12/30');
      expect(el.shadowRoot!.querySelectorAll('[part~=step-done]')).to.have.length(4);
      expect(part(el, '[role=status]')?.textContent).to.equal(
        'Card saved. Visa ending in 1111, expires 12/30',
      );
      await expect(el).to.be.accessible();
    });

    it('makes one token from a double click, and from submit() called twice', async () => {
      const el = await supplied();
      submitButton(el).click();
      submitButton(el).click();
      expect(await el.submit()).to.be.false;
      await until(() => sdk.calls.length === 1);
      expect(server.to('/api/network-tokens', 'POST')).to.have.length(1);
      expect(submitButton(el), 'the form is gone').not.to.exist;
    });

    it('marks the button busy while creating, without disabling it (focus stays)', async () => {
      let release!: () => void;
      server.on(
        'POST',
        '/api/network-tokens',
        () =>
          new Promise<Response>((resolve) => {
            release = () =>
              resolve(
                json(
                  {
                    tokenId: 'tok_9',
                    status: 'PENDING_PAYMENT_FORM',
                    clientSecret: 'secret_tok_9',
                    createdAt: '',
                  },
                  201,
                ),
              );
          }),
      );
      server.tokens.set('tok_9', { status: 'PENDING_PAYMENT_FORM', updatedAt: '' });
      const el = await supplied();
      submitButton(el).focus();
      submitButton(el).click();
      await el.updateComplete;
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect(submitButton(el).disabled).to.be.false;
      expect(submitButton(el).textContent?.trim()).to.equal('Please wait…');
      await expect(el).to.be.accessible();
      release();
      await until(() => currentStep(el) === 'Card');
    });

    it('retries a failed create with the same idempotency key, so at most one token is made', async () => {
      let calls = 0;
      server.on('POST', '/api/network-tokens', () => {
        calls++;
        if (calls === 1)
          return json({ error: { type: 'provider_error', code: 'provider_unavailable' } }, 503);
        if (calls === 2) throw new TypeError('Failed to fetch');
        server.tokens.set('tok_r', { status: 'PENDING_PAYMENT_FORM', updatedAt: '' });
        return json(
          { tokenId: 'tok_r', status: 'PENDING_PAYMENT_FORM', clientSecret: 'secret_tok_r', createdAt: '' },
          201,
        );
      });
      const el = await supplied();
      await el.submit();
      const keys = server.to('/api/network-tokens', 'POST').map((r) => r.headers.get('Idempotency-Key'));
      expect(keys).to.have.length(3);
      expect(new Set(keys).size).to.equal(1);
      await until(() => currentStep(el) === 'Card');
    });

    it('honours Retry-After on a rate limit', async () => {
      let calls = 0;
      const times: number[] = [];
      server.on('POST', '/api/network-tokens', () => {
        times.push(performance.now());
        if (++calls === 1)
          return json({ error: { type: 'rate_limit_error', code: 'rate_limited' } }, 429, {
            'Retry-After': '1',
          });
        server.tokens.set('tok_l', { status: 'PENDING_PAYMENT_FORM', updatedAt: '' });
        return json(
          { tokenId: 'tok_l', status: 'PENDING_PAYMENT_FORM', clientSecret: 'secret_tok_l', createdAt: '' },
          201,
        );
      });
      const el = await supplied();
      await el.submit();
      expect(times[1]! - times[0]!).to.be.at.least(950);
    });

    it('reports a server that cannot be reached, with a Try again that starts a fresh token', async () => {
      server.on('POST', '/api/network-tokens', () => Promise.reject(new TypeError('Failed to fetch')));
      const el = await supplied();
      const errors = record(el, 'smartpay-error');
      await el.submit();
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail).to.include({
        code: 'network_error',
        retryable: true,
        message: 'No connection to the server.',
      });
      expect(part(el, '[part~=error]')?.textContent).to.contain('Card not saved');
      expect(currentStep(el)).to.equal('Your details');
      expect(part(el, '[part~=step-failed]')).to.exist;
      await expect(el).to.be.accessible();
      const firstKey = server.to('/api/network-tokens', 'POST')[0]!.headers.get('Idempotency-Key');
      server = server.on('POST', '/api/network-tokens', () => {
        server.tokens.set('tok_f', { status: 'PENDING_PAYMENT_FORM', updatedAt: '' });
        return json(
          { tokenId: 'tok_f', status: 'PENDING_PAYMENT_FORM', clientSecret: 'secret_tok_f', createdAt: '' },
          201,
        );
      });
      part(el, '[part~=error] button')!.click();
      await until(() => currentStep(el) === 'Card');
      const lastKey = server.to('/api/network-tokens', 'POST').at(-1)!.headers.get('Idempotency-Key');
      expect(lastKey).not.to.equal(firstKey);
    });

    it('reports what the merchant must fix without a Try again (the server refuses the data)', async () => {
      server.on('POST', '/api/network-tokens', () =>
        json(
          {
            error: {
              type: 'invalid_request_error',
              code: 'validation_failed',
              message: 'consumer.taxNumber is too long',
              fields: [
                { path: 'consumer.taxNumber', message: 'consumer.taxNumber must be at most 30 characters' },
              ],
              requestId: 'req_1',
            },
          },
          400,
        ),
      );
      const el = await supplied();
      const errors = record(el, 'smartpay-error');
      const warn = sinon.stub(console, 'warn');
      await el.submit();
      warn.restore();
      await el.updateComplete;
      expect(String(warn.firstCall?.args[0]), 'the developer sees the refused fields').to.contain('refused');
      expect(errors[0]!.detail).to.deep.include({
        code: 'validation_failed',
        retryable: false,
        requestId: 'req_1',
        fields: [{ path: 'consumer.taxNumber', message: 'consumer.taxNumber must be at most 30 characters' }],
      });
      expect(part(el, '[part~=error] button')).not.to.exist;
      expect(part(el, '[part~=error]')?.textContent).to.contain('Card saving is unavailable.');
    });

    it('ends in an error with a fresh-token Try again when the token ends in ERROR', async () => {
      const el = await supplied();
      const errors = record(el, 'smartpay-error');
      await el.submit();
      await until(() => sdk.calls.length === 1);
      sdk.accept();
      server.setStatus('tok_1', 'ERROR');
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({
        code: 'provisioning_failed',
        retryable: true,
        tokenId: 'tok_1',
      });
      await el.updateComplete;
      expect(currentStep(el)).to.equal('Confirming');
      expect(part(el, '[part~=error]')?.textContent).to.contain('Your bank declined the card.');
      part(el, '[part~=error] button')!.click();
      await until(() => sdk.calls.length === 2);
      expect(sdk.calls[1]!.tokenId).to.equal('tok_2');
    });

    for (const [code, widgetCode, text, retryable] of [
      ['ERROR_AUTHENTICATION_FAILED', 'card_authentication_failed', 'The card could not be verified.', true],
      ['ERROR_CHECKOUT_TIMEOUT', 'payment_form_expired', 'The card form timed out.', true],
      ['ERROR_INVALID_INPUT', 'payment_form_failed', 'Card saving is unavailable.', false],
      ['ERR_CONFIG', 'payment_form_failed', 'Something went wrong.', true],
    ] as const) {
      it(`reports the card form's ${code} as ${widgetCode}`, async () => {
        const el = await supplied();
        const errors = record(el, 'smartpay-error');
        await el.submit();
        await until(() => sdk.calls.length === 1);
        sdk.reject(code);
        await until(() => errors.length === 1);
        expect(errors[0]!.detail).to.include({
          code: widgetCode,
          message: text,
          retryable,
          tokenId: 'tok_1',
        });
        await el.updateComplete;
        expect(!!part(el, '[part~=error] button')).to.equal(retryable);
      });
    }

    it('goes back from SmartPay’s form to the details, abandoning that token', async () => {
      const el = await supplied();
      await el.submit();
      await until(() => sdk.calls.length === 1);
      const back = el.shadowRoot!.querySelector<HTMLButtonElement>('.sp-secondary')!;
      expect(back.textContent).to.equal('Back');
      back.click();
      await el.updateComplete;
      expect(currentStep(el)).to.equal('Your details');
      expect(server.lastStream()!.closed, 'no longer following tok_1').to.be.true;
      expect(document.getElementById(sdk.calls[0]!.containerId)?.children.length ?? 0).to.equal(0);
      await el.submit();
      await until(() => sdk.calls.length === 2);
      expect(sdk.calls[1]!.tokenId).to.equal('tok_2');
    });

    it('renders the card form again in the new language when the locale changes', async () => {
      const el = await supplied();
      await el.submit();
      await until(() => sdk.calls.length === 1);
      el.locale = 'ja-JP';
      await until(() => sdk.calls.length === 2);
      expect(sdk.calls[1]).to.include({ tokenId: 'tok_1', locale: 'ja-JP' });
      expect(document.getElementById(sdk.calls[1]!.containerId)!.querySelectorAll('iframe')).to.have.length(
        1,
      );
      expect(part(el, '.lead')?.textContent).to.equal('SmartPay の安全なフォームに入力してください。');
    });

    it('stops everything when removed mid-flow, and picks the token up again when put back', async () => {
      const el = await supplied();
      const events = record(el, ...EVENTS);
      await el.submit();
      await until(() => sdk.calls.length === 1);
      const stream = server.lastStream()!;
      const parent = el.parentElement!;
      el.remove();
      await until(() => stream.closed, 'the status stream is closed');
      const requests = server.requests.length;
      sdk.accept();
      server.setStatus('tok_1', 'ACTIVE');
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(server.requests.length, 'no request after removal').to.equal(requests);
      expect(events.map((e) => e.type)).to.deep.equal(['smartpay-token-created']);

      parent.append(el);
      await until(
        () => events.some((e) => e.type === 'smartpay-token-active'),
        'followed again after reconnecting',
      );
      expect(server.streams.length).to.equal(2);
    });
  });

  describe('status: stream and polling', () => {
    /** Creates a token and waits for the card step (one stream open). */
    async function created(): Promise<SmartpayNetworkToken> {
      const el = await supplied();
      await el.submit();
      await until(() => currentStep(el) === 'Card' && sdk.calls.length === 1);
      return el;
    }

    it('reads the stream with the client secret, and reconnects when the connection drops', async () => {
      const el = await created();
      const active = record(el, 'smartpay-token-active');
      const first = server.lastStream()!;
      expect(server.to('/api/network-tokens/tok_1/events')[0]!.headers.get('Authorization')).to.equal(
        'Bearer secret_tok_1',
      );
      first.fail();
      await until(() => server.streams.length === 2, 'reconnected');
      first.heartbeat();
      server.setStatus('tok_1', 'ACTIVE');
      await until(() => active.length === 1);
      expect(server.to('/api/network-tokens/tok_1', 'GET')).to.have.length(0);
    });

    it('restarts a stream that goes silent (no heartbeat)', async () => {
      await created();
      await until(() => server.streams.length === 2, 'a stalled stream is replaced');
      expect(server.streams[0]!.closed).to.be.true;
    });

    it('falls back to polling when streaming does not work, and recovers from lost polls', async () => {
      server.on('GET', /\/events$/, () => json({ error: { code: 'not_found' } }, 404));
      let polls = 0;
      server.on('GET', '/api/network-tokens/tok_1', (request) => {
        polls++;
        expect(request.headers.get('Authorization')).to.equal('Bearer secret_tok_1');
        if (polls === 2 || polls === 3) throw new TypeError('Failed to fetch');
        return json(server.publicToken('tok_1'));
      });
      const el = await created();
      const changes = record(el, 'smartpay-status-change', 'smartpay-token-active');
      await until(() => polls >= 4, 'polled through lost connections');
      server.setStatus('tok_1', 'ACTIVE');
      await until(() => changes.length === 2);
      expect(server.to(/\/events$/)).to.have.length(2);
      expect(changes.map((e) => e.detail.status)).to.deep.equal(['ACTIVE', 'ACTIVE']);
    });

    it('switches to polling when the server gives up streaming (event: timeout)', async () => {
      const el = await created();
      const active = record(el, 'smartpay-token-active');
      server.lastStream()!.timeout();
      await until(() => server.to('/api/network-tokens/tok_1', 'GET').length >= 1, 'polling');
      server.tokens.set('tok_1', { status: 'ACTIVE', updatedAt: '' });
      await until(() => active.length === 1);
    });

    it('does not poll while the page is hidden, and polls at once when it is shown', async () => {
      server.on('GET', /\/events$/, () => json({}, 404));
      const el = await created();
      const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      try {
        document.dispatchEvent(new Event('visibilitychange'));
        await new Promise((resolve) => setTimeout(resolve, 80));
        const before = server.to('/api/network-tokens/tok_1', 'GET').length;
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(server.to('/api/network-tokens/tok_1', 'GET').length).to.equal(before);
        server.tokens.set('tok_1', { status: 'ACTIVE', updatedAt: '' });
        const active = record(el, 'smartpay-token-active');
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
        document.dispatchEvent(new Event('visibilitychange'));
        await until(() => active.length === 1, 'polled when shown');
      } finally {
        delete (document as { hidden?: boolean }).hidden;
        Object.defineProperty(Document.prototype, 'hidden', hidden);
      }
    });

    it('fails with status_unavailable when the client secret is refused', async () => {
      server.on('GET', /^\/api\/network-tokens\/tok_1/, () =>
        json({ error: { code: 'invalid_client_secret' } }, 401),
      );
      const el = await supplied();
      const errors = record(el, 'smartpay-error');
      await el.submit();
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({ code: 'status_unavailable', tokenId: 'tok_1' });
    });

    it('never goes back to an older status the stream repeats late', async () => {
      const el = await created();
      const changes = record(el, 'smartpay-status-change');
      sdk.accept();
      await until(() => changes.length === 1);
      server.lastStream()!.send('PENDING_PAYMENT_FORM');
      server.setStatus('tok_1', 'PROVISIONING');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(changes.map((e) => e.detail.status)).to.deep.equal(['PROVISIONING']);
      expect(currentStep(el)).to.equal('Confirming');
    });
  });

  describe('direct', () => {
    it('asks for the card after the details, with card autocomplete tokens, and is accessible', async () => {
      const el = await mountDirect();
      const ready = record(el, 'smartpay-ready');
      expect(await el.submit()).to.be.true;
      await el.updateComplete;
      expect(ready).to.have.length(0);
      expect(currentStep(el)).to.equal('Card');
      const tokens = [...el.querySelectorAll('[data-path^="card."]')].map((i) =>
        i.getAttribute('autocomplete'),
      );
      // The same fields in the same order as SmartPay's card form: the cardholder's name first.
      expect(tokens).to.deep.equal(['cc-name', 'cc-number', 'cc-exp', 'cc-csc']);
      // Their English labels come with the card fields' chunk (english-card-texts.ts).
      const labels = [...el.querySelectorAll<HTMLInputElement>('[data-path^="card."]')].map((i) =>
        i.labels![0]!.textContent!.trim(),
      );
      expect(labels).to.deep.equal([
        'Name on card',
        'Card number',
        'Expiry date (MM/YY)',
        'Security code (CVC)',
      ]);
      expect(field(el, 'card.cardNumber').inputMode).to.equal('numeric');
      expect(document.activeElement === field(el, 'card.cardHolderName'), 'focus on the first card field').to
        .be.true;
      await expect(el).to.be.accessible();
    });

    it('groups the number, shows the brand, and refuses bad cards before sending anything', async () => {
      const el = await mountDirect();
      await el.submit();
      await el.updateComplete;
      await type(el, { 'card.cardNumber': '41111111' });
      expect(field(el, 'card.cardNumber').value).to.equal('4111 1111');
      expect(field(el, 'card.cardNumber').labels![0]!.textContent).to.contain('Visa');
      const cases: [Record<string, string>, string, string][] = [
        [{ 'card.cardNumber': '4111 1111 1111 1112' }, 'card.cardNumber', 'Check the card number.'],
        [
          { 'card.cardNumber': '3782 822463 10005' },
          'card.cardNumber',
          'Only Visa and Mastercard can be saved.',
        ],
        [{ 'card.expiry': '13/30' }, 'card.expiry', 'Enter it as MM/YY.'],
        [{ 'card.expiry': '01/20' }, 'card.expiry', 'This card has expired.'],
        [{ 'card.cvc': '12' }, 'card.cvc', 'Enter the 3 or 4 digit code.'],
      ];
      for (const [values, path, message] of cases) {
        await type(el, { ...CARD, ...values });
        expect(await el.submit(), path).to.be.false;
        await el.updateComplete;
        expect(document.getElementById(`${field(el, path).id}-error`)!.textContent?.trim(), path).to.equal(
          message,
        );
      }
      expect(server.requests.filter((r) => r.method === 'POST')).to.have.length(0);
    });

    it('sends the create with the card only to SmartPay’s PCI proxy, as the attempt says; the merchant gets tokens', async () => {
      const el = await mountDirect();
      const events = record(el, ...EVENTS);
      await el.submit();
      await el.updateComplete;
      await type(el, { ...CARD, 'card.expiry': '7/2034', 'card.cardNumber': '5555555555554444' });
      await el.submit();
      await until(() => part(el, '[part~=success]'));

      const [attempt] = server.to('/api/network-tokens/direct-attempts', 'POST');
      const [viaProxy, ...more] = server.to(PROXY_URL, 'POST');
      expect(more).to.have.length(0);
      expect(server.to('/api/network-tokens', 'POST'), 'no create from the page itself').to.have.length(0);
      const key = attempt!.headers.get('Idempotency-Key');
      expect(key).to.match(/^[\x21-\x7e]{8,255}$/);
      expect(attempt!.body).to.equal(undefined);
      expect(Object.fromEntries(viaProxy!.headers)).to.deep.equal({
        'content-type': 'application/json',
        'x-pcp-url': `${location.origin}/api/network-tokens`,
        'x-pcp-authorization': ATTEMPT_CREDENTIAL,
        'x-pcp-cc-path': 'cardDetails.cardToken',
        'x-pcp-cvv-path': 'cardDetails.cvvToken',
      });
      const sent = JSON.parse(viaProxy!.body!);
      expect(sent.integrationFlow).to.equal('direct');
      expect(sent.cardDetails).to.deep.equal({
        brand: 'MASTERCARD',
        cardHolderName: 'Erika Mustermann',
        cardToken: '5555555555554444',
        cvvToken: '123',
        expiryMonth: '07',
        expiryYear: '2034',
      });
      const [create] = server.forwarded;
      expect(JSON.parse(create!.body!).cardDetails).to.deep.include({
        cardToken: 'ct_1abcdef',
        cvvToken: 'cv_1',
      });
      // Card data only to SmartPay's origin: nothing the page sent to its own origin carries it.
      const merchant = server.requests.filter((r) => new URL(r.url).origin === location.origin);
      expect(merchant.length).to.be.at.least(3);
      for (const request of merchant) {
        const seen = `${request.url} ${[...request.headers].join()} ${request.body ?? ''}`;
        expect(seen, request.url).not.to.match(/5555\s?5555|4444"|"123"/);
      }
      expect(events.map((e) => e.type)).to.deep.equal(['smartpay-token-created', 'smartpay-token-active']);
      expect(events[0]!.detail.status).to.equal('ACTIVE');
      expect(JSON.stringify(events.map((e) => e.detail))).not.to.contain('5555');
      expect(part(el, '[part~=success]')?.textContent).to.contain('Visa ending in 1111');
      await expect(el).to.be.accessible();
    });

    it('with the merchant’s own vault (tokenize), sends the card there and the create with its tokens', async () => {
      const el = await mountDirect();
      const seen: unknown[] = [];
      el.tokenize = async (card) => {
        seen.push(card);
        return { cardToken: 'vault_card', cvvToken: 'vault_cvv' };
      };
      await el.submit();
      await el.updateComplete;
      await type(el, CARD);
      await el.submit();
      await until(() => part(el, '[part~=success]'));
      expect(seen).to.deep.equal([{ pan: CARD['card.cardNumber']!.replace(/\D/g, ''), cvv: '123' }]);
      const [create, ...more] = server.to('/api/network-tokens', 'POST');
      expect(more).to.have.length(0);
      expect(JSON.parse(create!.body!).cardDetails).to.deep.include({
        cardToken: 'vault_card',
        cvvToken: 'vault_cvv',
      });
      expect(server.to(PROXY_URL)).to.have.length(0);
    });

    it('asks for a fresh attempt with the same Idempotency-Key when the proxy fails on the way', async () => {
      let calls = 0;
      server.on('POST', PROXY_URL, () =>
        ++calls === 1
          ? json({ traceId: 't', errors: [{ message: 'down', code: '502' }] }, 502)
          : json(
              { tokenId: 't', status: 'ACTIVE', clientSecret: 's', createdAt: new Date().toISOString() },
              201,
            ),
      );
      const el = await mountDirect();
      await el.submit();
      await el.updateComplete;
      await type(el, CARD);
      await el.submit();
      await until(() => calls === 2);
      const keys = server
        .to('/api/network-tokens/direct-attempts')
        .map((r) => r.headers.get('Idempotency-Key'));
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
    });

    for (const [said, path, announced] of [
      [
        'cardDetails.cardToken must be a card number',
        'card.cardNumber',
        'Fields to correct: 1. Card number: Check the card number.',
      ],
      [
        'cardDetails.cvvToken must be 3 or 4 digits',
        'card.cvc',
        'Fields to correct: 1. Security code (CVC): Check this field.',
      ],
    ]) {
      it(`shows what the proxy refuses on its field (${path}), and nothing reaches the merchant`, async () => {
        server.on('POST', PROXY_URL, () => json({ message: [said] }, 400));
        const el = await mountDirect();
        const errors = record(el, 'smartpay-error');
        await el.submit();
        await el.updateComplete;
        await type(el, CARD);
        await el.submit();
        await until(() => field(el, path!).getAttribute('aria-invalid') === 'true');
        expect(errors, 'a refused value is the shopper’s to fix, like a check').to.have.length(0);
        expect(document.activeElement === field(el, path!), 'focus on the field').to.be.true;
        expect(part(el, '[role=status]')!.textContent).to.equal(announced);
        expect(server.to(PROXY_URL), 'not retried').to.have.length(1);
        expect(server.forwarded).to.have.length(0);
        expect(currentStep(el)).to.equal('Card');
      });
    }

    it('goes back to the details and keeps the card fields typed', async () => {
      const el = await mountDirect();
      await el.submit();
      await el.updateComplete;
      await type(el, { 'card.cardNumber': '4111' });
      el.querySelector<HTMLButtonElement>('.sp-secondary')!.click();
      await el.updateComplete;
      expect(currentStep(el)).to.equal('Your details');
      await el.submit();
      await el.updateComplete;
      expect(field(el, 'card.cardNumber').value).to.equal('4111');
    });
  });

  describe('settings that change after mount', () => {
    it('drops its config request when removed before the answer, and asks again when put back', async () => {
      server.on('GET', '/api/config', () => new Promise<Response>(() => {}));
      const el = document.createElement('smartpay-network-token');
      el.locale = 'en';
      document.body.append(el);
      try {
        await until(() => server.to('/api/config').length === 1);
        const first = server.to('/api/config')[0]!;
        expect(first.signal?.aborted, 'aborted before removal').to.be.false;
        el.remove();
        expect(first.signal?.aborted, 'aborted on removal').to.be.true;
        server.on('GET', '/api/config', () => json(server.config));
        const ready = record(el, 'smartpay-ready');
        document.body.append(el);
        await until(() => ready.length === 1, 'ready once put back');
        expect(server.to('/api/config')).to.have.length(2);
      } finally {
        el.remove();
      }
    });

    it('switches the flow mid-form, keeping what the shopper typed', async () => {
      const el = await mount(html`<smartpay-network-token locale="en"></smartpay-network-token>`);
      await type(el, { 'consumer.firstName': 'Erika' });
      const ready = record(el, 'smartpay-ready');
      el.integrationFlow = 'direct';
      await until(() => ready.length === 1);
      expect(ready[0]!.detail).to.deep.equal({ integrationFlow: 'direct' });
      expect(field(el, 'consumer.firstName').value).to.equal('Erika');
      await type(el, TYPED);
      expect(await el.submit()).to.be.true;
      await el.updateComplete;
      expect(field(el, 'card.cardNumber')).to.exist;
    });

    it('returns to the details with a token abandoned when the flow changes on the card step', async () => {
      const el = await supplied();
      await el.submit();
      await until(() => sdk.calls.length === 1);
      el.integrationFlow = 'direct';
      await el.updateComplete;
      expect(currentStep(el)).to.equal('Your details');
      expect(server.lastStream()!.closed).to.be.true;
    });

    it('talks to the endpoint it is given, sends the currency, and follows a new endpoint', async () => {
      server.on('*', /^https:\/\/shop\.test\//, (request) => {
        if (request.url.endsWith('/api/config')) return json(server.config);
        return json(
          { tokenId: 'tok_s', status: 'PENDING_PAYMENT_FORM', clientSecret: 'secret', createdAt: '' },
          201,
        );
      });
      const el = await mount(html`<smartpay-network-token
        endpoint="https://shop.test/"
        currency="CHF"
        .consumer=${CONSUMER}
        .billingAddress=${ADDRESS}
      ></smartpay-network-token>`);
      expect(server.requests[0]!.url).to.equal('https://shop.test/api/config');
      await el.submit();
      const create = server.to('https://shop.test/api/network-tokens')[0]!;
      expect(JSON.parse(create.body!).currencyCode).to.equal('CHF');
      const ready = record(el, 'smartpay-ready');
      el.endpoint = '';
      await until(() => ready.length === 1);
      expect(server.to('/api/config')).to.have.length(1);
    });

    it('refuses a flow the merchant does not offer', async () => {
      server.config = { ...server.config, integrationFlows: ['payment-form'] };
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      const errors = record(el, 'smartpay-error');
      el.setAttribute('integration-flow', 'direct');
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({ code: 'flow_not_allowed', retryable: false });
    });

    it('reports a config that cannot be loaded, and loads it again on Try again', async () => {
      let calls = 0;
      server.on('GET', '/api/config', () => (++calls <= 3 ? json({}, 500) : json(server.config)));
      const errors: CustomEvent[] = [];
      document.addEventListener('smartpay-error', (e) => errors.push(e as CustomEvent), { once: true });
      const { fixture } = await import('@open-wc/testing');
      const el = await fixture<SmartpayNetworkToken>(html`<smartpay-network-token></smartpay-network-token>`);
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({ code: 'config_unavailable', retryable: true });
      expect(calls).to.equal(3);
      await el.updateComplete;
      const ready = record(el, 'smartpay-ready');
      part(el, '[part~=error] button')!.click();
      await until(() => ready.length === 1);
      expect(field(el, 'consumer.firstName')).to.exist;
    });

    it('reset() stops the flow and clears what the shopper typed, keeping the merchant’s data', async () => {
      const el = await mount(
        html`<smartpay-network-token .consumer=${{ firstName: 'Erika' }}></smartpay-network-token>`,
      );
      await type(el, { 'consumer.lastName': 'Mustermann', 'consumer.firstName': 'Eri' });
      el.reset();
      await el.updateComplete;
      expect(field(el, 'consumer.firstName').value).to.equal('Erika');
      expect(field(el, 'consumer.lastName').value).to.equal('');
    });
  });
});

describe('loading SmartPay’s SDK from the element', () => {
  let server: FakeServer;

  beforeEach(() => {
    fastTiming();
    server = new FakeServer().install();
    delete window.SmpLibrary;
  });

  afterEach(() => {
    fixtureCleanup();
    server.restore();
    for (const script of document.head.querySelectorAll('script[src*="sdk"]')) script.remove();
    delete window.SmpLibrary;
  });

  it('raises sdk_unavailable with a clear message when the script cannot load, after retries', async () => {
    server.config = { ...server.config, sdkUrl: `${location.origin}/missing/sdk-${Math.random()}.js` };
    const el = await supplied();
    const errors = record(el, 'smartpay-error');
    const scripts: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) if (n instanceof HTMLScriptElement) scripts.push(n.src);
    });
    observer.observe(document.head, { childList: true });
    await el.submit();
    await until(() => part(el, '[part~=status]'), 'a loading state while the script is tried');
    expect(part(el, '[part~=status]')?.textContent).to.equal('Please wait…');
    await expect(el).to.be.accessible();
    await until(() => errors.length === 1);
    observer.disconnect();
    expect(scripts).to.have.length(3);
    expect(errors[0]!.detail).to.include({ code: 'sdk_unavailable', retryable: true, tokenId: 'tok_1' });
    expect(errors[0]!.detail.message).to.equal(
      'The card form did not load. Check your connection or blocker.',
    );
  });

  it('loads the script with the nonce of the page', async () => {
    server.config = { ...server.config, sdkUrl: new URL('./test/fake-sdk-script.js', import.meta.url).href };
    const el = await mount(
      html`<smartpay-network-token nonce="n0nce" .consumer=${CONSUMER} .billingAddress=${ADDRESS}></smartpay-network-token>`,
    );
    await el.submit();
    await until(
      () => (window as { fakeSdkRenders?: number }).fakeSdkRenders === 1,
      'rendered by the loaded SDK',
    );
    const script = document.head.querySelector<HTMLScriptElement>('script[src*="fake-sdk-script"]')!;
    expect(script.nonce).to.equal('n0nce');
    expect(SDK_URL).to.be.a('string');
  });
});
