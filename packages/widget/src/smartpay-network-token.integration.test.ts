import { expect, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { SmartpayNetworkToken } from './smartpay-network-token.js';
import { FakeSdk } from './test/fake-sdk.js';
import { FakeServer, json, PROXY_URL } from './test/fake-server.js';
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

/** What integrators ran into when trying the widget in fresh apps (issue 12), and the server's rules (issue 11). */
/** The widget in English with the consumer and billing address supplied: a submit creates at once. */
const mountSupplied = () =>
  mount(html`<smartpay-network-token
    locale="en"
    .consumer=${CONSUMER}
    .billingAddress=${ADDRESS}
  ></smartpay-network-token>`);

describe('<smartpay-network-token> in a real integration', () => {
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
    sinon.restore();
  });

  describe('startup (issue 14)', () => {
    it('asks for /api/config when it is connected, before its first render', async () => {
      const el = document.createElement('smartpay-network-token');
      document.body.append(el);
      try {
        expect(el.hasUpdated, 'not rendered yet').to.be.false;
        expect(server.to('/api/config'), 'already asked').to.have.length(1);
        await el.updateComplete;
      } finally {
        el.remove();
      }
    });

    it('renders first without region names, collation or likely-subtag data, and says ready once', async () => {
      const maximize = sinon.spy(Intl.Locale.prototype, 'maximize');
      const names = sinon.spy(Intl, 'DisplayNames');
      const el = document.createElement('smartpay-network-token');
      el.locale = 'de';
      const ready = record(document.body, 'smartpay-ready');
      document.body.append(el);
      try {
        await el.updateComplete;
        expect(el.hasUpdated).to.be.true;
        expect(maximize.called, 'no maximize() in the first render').to.be.false;
        expect(names.called, 'no country names in the first render').to.be.false;
        await until(() => ready.length === 1);
        await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
        expect(field(el, 'billingAddress.countryCode').value).to.equal('DEU');
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(ready).to.have.length(1);
      } finally {
        el.remove();
      }
    });
  });

  describe("the page's own CSS", () => {
    it('does not leak into the form through inheritance (a centred, spaced, uppercase page)', async () => {
      const style = document.createElement('style');
      style.textContent = `#app { text-align: center; line-height: 3; letter-spacing: 4px; word-spacing: 9px;
        text-transform: uppercase; text-indent: 40px; white-space: pre; text-shadow: 1px 1px red; }`;
      document.head.append(style);
      try {
        const el = await mount(
          html`<div id="app"><smartpay-network-token locale="en"></smartpay-network-token></div>`,
        );
        const widget = el.querySelector('smartpay-network-token') as SmartpayNetworkToken;
        for (const node of [
          field(widget, 'consumer.firstName').labels![0]!,
          widget.querySelector('legend')!,
          part(widget, '[part~=step]')!,
        ]) {
          const css = getComputedStyle(node);
          expect(css.textAlign, node.tagName).to.be.oneOf(['start', 'left']);
          expect(css.letterSpacing, node.tagName).to.equal('normal');
          expect(css.wordSpacing, node.tagName).to.equal('0px');
          expect(css.textTransform, node.tagName).to.equal('none');
          expect(css.textIndent, node.tagName).to.equal('0px');
          expect(css.whiteSpace, node.tagName).to.equal('normal');
          expect(css.textShadow, node.tagName).to.equal('none');
          expect(
            Number.parseFloat(css.lineHeight) / Number.parseFloat(css.fontSize),
            node.tagName,
          ).to.be.closeTo(1.5, 0.01);
        }
      } finally {
        style.remove();
      }
    });
  });

  describe('the direct flow asks what SmartPay’s form asks, in its order', () => {
    it('requires the cardholder’s name', async () => {
      const el = await mountDirect();
      await el.submit();
      await el.updateComplete;
      const { 'card.cardHolderName': _, ...rest } = CARD;
      await type(el, rest);
      expect(await el.submit()).to.be.false;
      await el.updateComplete;
      expect(field(el, 'card.cardHolderName').required).to.be.true;
      expect(
        document.getElementById(`${field(el, 'card.cardHolderName').id}-error`)!.textContent?.trim(),
      ).to.equal('This field is required.');
      expect(server.requests.filter((r) => r.method === 'POST')).to.have.length(0);
    });

    it('puts the "/" in the expiry as the shopper types, and lets Backspace take it out', async () => {
      const el = await mountDirect();
      await el.submit();
      await el.updateComplete;
      const expiry = field(el, 'card.expiry');
      expect(expiry.inputMode).to.equal('numeric');
      expiry.focus();
      await sendKeys({ type: '12' });
      expect(expiry.value).to.equal('12/');
      await sendKeys({ type: '30' });
      expect(expiry.value).to.equal('12/30');
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      expect(expiry.value).to.equal('12/');
      await sendKeys({ press: 'Backspace' });
      expect(expiry.value).to.equal('12');
      expiry.value = '';
      await sendKeys({ type: '4' });
      expect(expiry.value).to.equal('04/');
    });
  });

  describe('right to left, and the digits shoppers type', () => {
    it('lays Arabic out right to left, keeps the card number, expiry and CVC left to right, and is accessible', async () => {
      const el = await mount(html`<smartpay-network-token
        locale="ar"
        integration-flow="direct"
        .consumer=${CONSUMER}
        .billingAddress=${ADDRESS}
      ></smartpay-network-token>`);
      expect(part(el, '[part~=base]')!.dir).to.equal('rtl');
      expect((el.querySelector('.sp-root') as HTMLElement).dir).to.equal('rtl');
      await el.submit();
      await el.updateComplete;
      for (const path of ['card.cardNumber', 'card.expiry', 'card.cvc']) {
        expect(field(el, path).dir, path).to.equal('ltr');
        expect(getComputedStyle(field(el, path)).direction, path).to.equal('ltr');
      }
      expect(getComputedStyle(field(el, 'card.cardHolderName')).direction).to.equal('rtl');
      await expect(el).to.be.accessible();
    });

    it('keeps the caret after the same digit as a card field formats itself, and where it was in a digit field', async () => {
      const el = await mountDirect();
      const typeAt = (input: HTMLInputElement, value: string, caret: number) => {
        input.value = value;
        input.setSelectionRange(caret, caret);
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      };
      await el.submit();
      await el.updateComplete;
      const cvc = field(el, 'card.cvc');
      typeAt(cvc, '1١3', 2);
      expect([cvc.value, cvc.selectionStart]).to.deep.equal(['113', 2]);
      const number = field(el, 'card.cardNumber');
      typeAt(number, '41111', 5);
      expect([number.value, number.selectionStart]).to.deep.equal(['4111 1', 6]);
      typeAt(number, '4111 91', 6);
      expect([number.value, number.selectionStart]).to.deep.equal(['4111 91', 6]);
      typeAt(number, '41191 1', 5);
      expect([number.value, number.selectionStart]).to.deep.equal(['4119 11', 6]);
      typeAt(number, '١4119 11', 1);
      expect([number.value, number.selectionStart]).to.deep.equal(['1411 911', 1]);
    });

    it('takes Arabic-Indic and Persian digits in number fields as the digits they are', async () => {
      const el = await mountDirect();
      await el.submit();
      await el.updateComplete;
      await type(el, {
        'card.cardHolderName': 'Erika Mustermann',
        'card.cardNumber': '٤١١١ ١١١١ ١١١١ ١١١١',
        'card.expiry': '۱۲۳۴',
        'card.cvc': '١٢٣',
      });
      expect(field(el, 'card.cardNumber').value).to.equal('4111 1111 1111 1111');
      expect(field(el, 'card.expiry').value).to.equal('12/34');
      expect(field(el, 'card.cvc').value).to.equal('123');
      await el.submit();
      await until(() => part(el, '[part~=success]'));
      expect(JSON.parse(server.to(PROXY_URL)[0]!.body!).cardDetails).to.deep.include({
        cardToken: '4111111111111111',
        cvvToken: '123',
      });
    });
  });

  describe('the billing country and the state', () => {
    it('offers the states of the USA, and the provinces of Canada, as a list', async () => {
      const el = await mount(html`<smartpay-network-token locale="en"></smartpay-network-token>`);
      await type(el, { ...TYPED, 'billingAddress.countryCode': 'USA' });
      const state = () => field(el, 'billingAddress.state');
      expect(state().tagName).to.equal('SELECT');
      await until(() => state().options.length > 50);
      expect([...state().options].find((o) => o.value === 'CA')?.textContent).to.equal('California');
      await type(el, { 'billingAddress.state': 'CA' });
      await type(el, { 'billingAddress.countryCode': 'CAN' });
      await until(() => [...state().options].some((o) => o.value === 'QC'));
      expect(state().value, "the USA's state is not Canada's").to.equal('');
      expect(state().options).to.have.length(14);
      await type(el, { 'billingAddress.state': 'QC' });
      const created = record(el, 'smartpay-token-created');
      await el.submit();
      await until(() => created.length === 1);
      expect(JSON.parse(server.to('/api/network-tokens', 'POST')[0]!.body!).billingAddress).to.include({
        countryCode: 'CAN',
        state: 'QC',
      });
      await expect(el).to.be.accessible();
    });

    it('preselects the country attribute (alpha-2 or alpha-3) over the server’s default and the locale', async () => {
      server.config = { ...server.config, defaultCountry: 'AUT' };
      const el = await mount(
        html`<smartpay-network-token locale="en-US" country="fr"></smartpay-network-token>`,
      );
      await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
      expect(field(el, 'billingAddress.countryCode').value).to.equal('FRA');
    });

    it('preselects the server’s defaultCountry over the locale (a euro shop, a US browser)', async () => {
      server.config = { ...server.config, defaultCountry: 'AUT' };
      const el = await mount(html`<smartpay-network-token locale="en-US"></smartpay-network-token>`);
      await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
      expect(field(el, 'billingAddress.countryCode').value).to.equal('AUT');
    });

    it('falls back to the locale, and never overrides the shopper’s choice', async () => {
      const el = await mount(html`<smartpay-network-token locale="de-CH"></smartpay-network-token>`);
      await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
      expect(field(el, 'billingAddress.countryCode').value).to.equal('CHE');
      await type(el, { 'billingAddress.countryCode': 'ITA' });
      el.country = 'ESP';
      await el.updateComplete;
      expect(field(el, 'billingAddress.countryCode').value).to.equal('ITA');
    });
  });

  describe("SmartPay's card form", () => {
    /** SmartPay's SDK replaced by one that renders a bare iframe, which `layOut` sizes as a real form would. */
    function stubCardForm(layOut: (frame: HTMLIFrameElement) => void): void {
      sdk.uninstall();
      window.SmpLibrary = {
        SmartPayAppInstance: {
          renderWidget: (options) => {
            const frame = document.createElement('iframe');
            frame.title = 'SmartPay card form';
            frame.style.cssText = 'display: block; width: 100%; border: 0';
            document.getElementById(options.containerId)!.replaceChildren(frame);
            layOut(frame);
            return new Promise(() => {});
          },
        },
      };
    }

    it('is shown once it has its height: never too tall first, then shrinking', async () => {
      // A form that lays out in steps: a sliver, too tall (before its styles), then its real height.
      stubCardForm((frame) => {
        frame.style.height = '24px';
        setTimeout(() => (frame.style.height = '900px'), 30);
        setTimeout(() => (frame.style.height = '404px'), 80);
      });
      const el = await mountSupplied();
      const heights: number[] = [];
      const observer = new ResizeObserver(() => {
        const container = el.querySelector<HTMLElement>('[slot=card-form]');
        if (container) heights.push(Math.round(container.getBoundingClientRect().height));
      });
      observer.observe(el);
      await el.submit();
      await until(() => !part(el, '[part~=status]') && currentStep(el) === 'Card');
      await new Promise((resolve) => setTimeout(resolve, 150));
      observer.disconnect();
      const shown = heights.filter((h) => h > 0);
      expect(shown.length, 'it was shown').to.be.at.least(1);
      expect(new Set(shown), `heights seen: ${heights}`).to.deep.equal(new Set([404]));
      expect(el.querySelector('[slot=card-form]')!.getBoundingClientRect().height).to.equal(404);
    });

    it('keeps the keyboard out while it is folded, until it is shown', async () => {
      let grow!: () => void;
      stubCardForm((frame) => {
        frame.style.height = '0';
        grow = () => (frame.style.height = '300px');
      });
      const el = await mountSupplied();
      await el.submit();
      await until(() => el.querySelector('[slot=card-form] iframe'));
      const container = el.querySelector<HTMLElement>('[slot=card-form]')!;
      expect(container.inert, 'inert while folded').to.be.true;
      expect(container.getAttribute('aria-busy')).to.equal('true');
      grow();
      await until(() => !container.inert, 'no longer inert once shown');
      expect(container.getAttribute('aria-busy')).to.equal('false');
    });
  });

  describe('limits in characters (issue 11)', () => {
    /** Types text as the shopper does (an editing command, which `maxlength` applies to). */
    const typeInto = (input: HTMLInputElement, text: string) => {
      input.focus();
      input.select();
      document.execCommand('insertText', false, text);
      input.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    };

    it('a field of at most n characters takes n astral characters, and says when text is longer', async () => {
      const el = await mount(html`<smartpay-network-token locale="en"></smartpay-network-token>`);
      const line = field(el, 'billingAddress.addressLine1');
      typeInto(line, '😀'.repeat(60));
      await el.updateComplete;
      expect([...line.value]).to.have.length(60);
      expect(line.getAttribute('aria-invalid')).to.equal(null);
      typeInto(line, 'a'.repeat(61));
      await el.updateComplete;
      expect(line.getAttribute('aria-invalid')).to.equal('true');
      expect(document.getElementById(`${line.id}-error`)!.textContent?.trim()).to.equal(
        'At most 60 characters.',
      );
    });
  });

  describe('refusals and timeouts (issue 11)', () => {
    it('never retries a card SmartPay refuses, and shows it on the field it names, without a dead end', async () => {
      server.on('POST', '/api/network-tokens', () =>
        json(
          {
            error: {
              type: 'invalid_request_error',
              code: 'card_rejected',
              message: 'SmartPay refused the card',
              fields: [{ path: 'cardDetails.expiryYear', message: 'the card has expired' }],
              requestId: 'req_9',
            },
          },
          400,
        ),
      );
      const el = await mountDirect();
      const errors = record(el, 'smartpay-error');
      await el.submit();
      await el.updateComplete;
      await type(el, CARD);
      expect(await el.submit()).to.be.false;
      await el.updateComplete;
      expect(server.forwarded, 'one create, no retry').to.have.length(1);
      expect(errors).to.have.length(0);
      expect(currentStep(el)).to.equal('Card');
      expect(field(el, 'card.expiry').getAttribute('aria-invalid')).to.equal('true');
      expect(document.activeElement === field(el, 'card.expiry'), 'focus on the field').to.be.true;
      expect(part(el, '[role=status]')!.textContent).to.contain('Expiry date');
    });

    it('fails a card refused in the payment-form flow, which has no card fields to correct', async () => {
      server.on('POST', '/api/network-tokens', () =>
        json(
          { error: { type: 'invalid_request_error', code: 'card_rejected', message: 'x', requestId: 'r' } },
          400,
        ),
      );
      const el = await mountSupplied();
      const errors = record(el, 'smartpay-error');
      expect(await el.submit()).to.be.false;
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({ code: 'card_rejected', message: 'Card saving is unavailable.' });
      await el.updateComplete;
      expect(`${el.textContent} ${el.shadowRoot!.textContent}`).not.to.contain('undefined');
    });

    it('shows a value the server refuses on the details field it names, once (no retry)', async () => {
      server.on('POST', '/api/network-tokens', () =>
        json(
          {
            error: {
              type: 'invalid_request_error',
              code: 'validation_failed',
              message: 'x',
              fields: [{ path: 'consumer.emailAddress', message: 'consumer.emailAddress is not valid' }],
              requestId: 'r',
            },
          },
          400,
        ),
      );
      const el = await mount(
        html`<smartpay-network-token locale="en" .billingAddress=${ADDRESS}></smartpay-network-token>`,
      );
      await type(el, {
        'consumer.firstName': 'Erika',
        'consumer.lastName': 'M',
        'consumer.emailAddress': 'e@x.io',
      });
      const warn = sinon.stub(console, 'warn');
      expect(await el.submit()).to.be.false;
      await el.updateComplete;
      expect(warn.called, 'the developer sees what was refused').to.be.true;
      expect(server.to('/api/network-tokens', 'POST')).to.have.length(1);
      expect(currentStep(el)).to.equal('Your details');
      expect(field(el, 'consumer.emailAddress').getAttribute('aria-invalid')).to.equal('true');
    });

    it('says it is still working when a create takes long (announced politely), and waits for the answer', async () => {
      let answer!: () => void;
      server.on(
        'POST',
        '/api/network-tokens',
        () =>
          new Promise<Response>((resolve) => {
            answer = () => {
              server.tokens.set('tok_s', { status: 'PENDING_PAYMENT_FORM', updatedAt: '' });
              resolve(
                json(
                  {
                    tokenId: 'tok_s',
                    status: 'PENDING_PAYMENT_FORM',
                    clientSecret: 'secret_tok_s',
                    createdAt: '',
                  },
                  201,
                ),
              );
            };
          }),
      );
      const el = await mountSupplied();
      const errors = record(el, 'smartpay-error');
      el.submit();
      await until(() => part(el, '[part~=status]'), 'the still-working state');
      expect(part(el, '[part~=status]')!.textContent).to.contain('Still working on it');
      const region = part(el, '[role=status]')!;
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(region.textContent).to.contain('Still working on it');
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      answer();
      await until(() => currentStep(el) === 'Card');
      expect(errors).to.have.length(0);
    });
  });

  describe('a CORS refusal, told apart from a lost connection (real Chromium, no stub)', () => {
    // The test server answers on 127.0.0.1 too, another origin than localhost, without CORS headers.
    const otherOrigin = () => `http://127.0.0.1:${location.port}`;

    beforeEach(() => server.restore());

    it('raises origin_not_allowed and names ALLOWED_ORIGINS in the console when the server does not allow this page', async () => {
      const error = sinon.stub(console, 'error');
      const errors: CustomEvent[] = [];
      document.addEventListener('smartpay-error', (e) => errors.push(e as CustomEvent), { once: true });
      const { fixture } = await import('@open-wc/testing');
      const el = await fixture<SmartpayNetworkToken>(
        html`<smartpay-network-token endpoint=${otherOrigin()}></smartpay-network-token>`,
      );
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({ code: 'origin_not_allowed', retryable: false });
      expect(errors[0]!.detail.message).to.equal('Card saving is unavailable.');
      expect(String(error.firstCall?.args[0])).to.contain('ALLOWED_ORIGINS').and.contain(location.origin);
      await el.updateComplete;
      expect(part(el, '[part~=error] button'), 'no Try again: the setup needs fixing').not.to.exist;
    });

    it('keeps network_error for a server that cannot be reached at all', async () => {
      const errors: CustomEvent[] = [];
      document.addEventListener('smartpay-error', (e) => errors.push(e as CustomEvent), { once: true });
      const { fixture } = await import('@open-wc/testing');
      // Port 9 (discard): nothing listens there.
      await fixture(html`<smartpay-network-token endpoint="http://127.0.0.1:9"></smartpay-network-token>`);
      await until(() => errors.length === 1);
      expect(errors[0]!.detail).to.include({ code: 'network_error', retryable: true });
    });
  });
});
