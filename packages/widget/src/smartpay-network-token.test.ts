import { expect, fixtureCleanup, html } from '@open-wc/testing';
import { ADDRESS_FIELDS, CONSUMER_FIELDS, COUNTRY_CODES } from '@smartpay/contract/core';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { FakeServer } from './test/fake-server.js';
import {
  ADDRESS,
  CONSUMER,
  currentStep,
  fastTiming,
  field,
  mount,
  part,
  record,
  submitButton,
  TYPED,
  type,
  until,
} from './test/helpers.js';

describe('<smartpay-network-token>', () => {
  let server: FakeServer;

  beforeEach(() => {
    fastTiming();
    server = new FakeServer().install();
  });

  afterEach(async () => {
    fixtureCleanup();
    server.restore();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  describe('the details step', () => {
    it('shows the stepper on "Your details", the consumer and billing sections, and is accessible', async () => {
      const el = await mount(html`<smartpay-network-token locale="en"></smartpay-network-token>`);
      const steps = [...el.shadowRoot!.querySelectorAll('[part~=step]')].map((li) => li.textContent?.trim());
      expect(steps).to.deep.equal(['Your details', 'Card', 'Confirming', 'Saved']);
      expect(currentStep(el)).to.equal('Your details');
      expect(part(el, '[aria-current=step]')?.textContent?.trim()).to.equal('Your details');
      const legends = [...el.querySelectorAll('legend')].map((legend) => legend.textContent?.trim());
      expect(legends).to.deep.equal(['Your details', 'Billing address']);
      expect((el.querySelector('.sp-check input') as HTMLInputElement).checked).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('renders its fields in the light DOM, where autofill and labels reach them, with unique ids per element', async () => {
      const first = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      const second = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      const input = document.querySelector<HTMLInputElement>('[autocomplete=given-name]');
      expect(input, 'document.querySelector finds the field').to.exist;
      expect(!!first.shadowRoot!.querySelector('input')).to.be.false;
      const ids = [...document.querySelectorAll('[data-path]')].map((control) => control.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(field(second, 'consumer.firstName').labels?.[0]?.textContent).to.contain('First name');
    });

    it('gives every field the autocomplete token browsers fill it by', async () => {
      const el = await mount(html`<smartpay-network-token locale="en-GB"></smartpay-network-token>`);
      const tokens = Object.fromEntries(
        [...el.querySelectorAll<HTMLInputElement>('[data-path]')].map((input) => [
          input.dataset.path,
          input.getAttribute('autocomplete'),
        ]),
      );
      expect(tokens).to.deep.equal({
        'consumer.title': 'honorific-prefix',
        'consumer.firstName': 'given-name',
        'consumer.middleName': 'additional-name',
        'consumer.lastName': 'family-name',
        'consumer.emailAddress': 'email',
        'consumer.dateOfBirth': 'bday',
        'consumer.mobilePhone': 'tel',
        'billingAddress.countryCode': 'country',
        'billingAddress.addressLine1': 'address-line1',
        'billingAddress.number': null,
        'billingAddress.addressLine2': 'address-line2',
        'billingAddress.addressLine3': 'address-line3',
        'billingAddress.postCode': 'postal-code',
        'billingAddress.city': 'address-level2',
      });
      expect(field(el, 'consumer.emailAddress').type).to.equal('email');
      expect(field(el, 'consumer.mobilePhone').type).to.equal('tel');
      expect(field(el, 'consumer.dateOfBirth').type).to.equal('date');
    });

    // `maxlength` counts UTF-16 units: twice the limit in characters leaves room for astral ones.
    it("takes required and maxlength from the contract's field tables", async () => {
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      for (const [name, rule] of Object.entries(CONSUMER_FIELDS)) {
        const input = field(el, `consumer.${name}`);
        if (!input) continue;
        expect(input.required, name).to.equal(!!('required' in rule && rule.required));
        if (input.tagName === 'INPUT' && 'max' in rule) expect(input.maxLength, name).to.equal(rule.max * 2);
      }
      for (const [name, rule] of Object.entries(ADDRESS_FIELDS)) {
        const input = field(el, `billingAddress.${name}`);
        if (input?.tagName === 'INPUT' && 'max' in rule) expect(input.maxLength, name).to.equal(rule.max * 2);
      }
      expect(field(el, 'consumer.middleName').labels?.[0]?.textContent).to.contain('(optional)');
      expect(field(el, 'consumer.firstName').labels?.[0]?.textContent).not.to.contain('optional');
    });

    it('lists every ISO country by its name in the active locale, sorted for that locale, ISO-3 as the value', async () => {
      const el = await mount(html`<smartpay-network-token locale="de-DE"></smartpay-network-token>`);
      await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
      const options = [...field(el, 'billingAddress.countryCode').options].slice(1);
      expect(options.map((o) => o.value).sort()).to.deep.equal([...COUNTRY_CODES].sort());
      expect(options.find((o) => o.value === 'DEU')?.textContent).to.equal('Deutschland');
      expect(options.find((o) => o.value === 'JPN')?.textContent).to.equal('Japan');
      const names = options.map((o) => o.textContent!);
      expect(names).to.deep.equal([...names].sort(new Intl.Collator('de-DE').compare));
    });

    it('preselects the country of the locale', async () => {
      const el = await mount(html`<smartpay-network-token locale="de-DE"></smartpay-network-token>`);
      await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
      expect(field(el, 'billingAddress.countryCode').value).to.equal('DEU');
    });

    it('asks for the state only for the USA and Canada, and then requires it', async () => {
      const el = await mount(html`<smartpay-network-token locale="en-GB"></smartpay-network-token>`);
      expect(!!field(el, 'billingAddress.state')).to.be.false;
      await type(el, { 'billingAddress.countryCode': 'CAN' });
      expect(field(el, 'billingAddress.state').required).to.be.true;
      await type(el, { 'billingAddress.countryCode': 'FRA' });
      expect(!!field(el, 'billingAddress.state')).to.be.false;
    });

    it('shows the shipping fields when the shipping address differs, and hides them again', async () => {
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      expect(!!field(el, 'shippingAddress.city')).to.be.false;
      el.querySelector<HTMLInputElement>('.sp-check input')!.click();
      await el.updateComplete;
      expect(field(el, 'shippingAddress.city')).to.exist;
      expect(field(el, 'shippingAddress.city').getAttribute('autocomplete')).to.equal('address-level2');
      await expect(el).to.be.accessible();
      el.querySelector<HTMLInputElement>('.sp-check input')!.click();
      await el.updateComplete;
      expect(!!field(el, 'shippingAddress.city')).to.be.false;
    });
  });

  describe('sections the merchant supplies', () => {
    it('does not ask for a section supplied in full', async () => {
      const el = await mount(
        html`<smartpay-network-token .consumer=${CONSUMER} .billingAddress=${ADDRESS}></smartpay-network-token>`,
      );
      expect(!!field(el, 'consumer.firstName')).to.be.false;
      expect(!!field(el, 'billingAddress.city')).to.be.false;
      expect(el.querySelector('.sp-check')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('prefills a section supplied in part, and asks for the rest', async () => {
      const el = await mount(
        html`<smartpay-network-token .consumer=${{ firstName: 'Erika', emailAddress: 'bad' }}></smartpay-network-token>`,
      );
      expect(field(el, 'consumer.firstName').value).to.equal('Erika');
      expect(field(el, 'consumer.emailAddress').value).to.equal('bad');
      expect(field(el, 'consumer.lastName').value).to.equal('');
    });

    it('hides the shipping choice when the shipping address is supplied in full, and hides a section supplied later', async () => {
      const el = await mount(
        html`<smartpay-network-token .shippingAddress=${ADDRESS}></smartpay-network-token>`,
      );
      expect(!!el.querySelector('.sp-check')).to.be.false;
      el.consumer = CONSUMER;
      await el.updateComplete;
      expect(!!field(el, 'consumer.firstName')).to.be.false;
    });

    it('asks for a supplied section again when it does not pass the checks (USA without a state)', async () => {
      const el = await mount(
        html`<smartpay-network-token .billingAddress=${{ ...ADDRESS, countryCode: 'USA' }}></smartpay-network-token>`,
      );
      expect(field(el, 'billingAddress.state')).to.exist;
      expect(field(el, 'billingAddress.city').value).to.equal('Berlin');
    });
  });

  describe('validation', () => {
    /** Submits and returns the problem shown for each field. */
    async function problemsAfterSubmit(values: Record<string, string>, locale = 'en') {
      const el = await mount(html`<smartpay-network-token locale=${locale}></smartpay-network-token>`);
      await type(el, { ...TYPED, ...values });
      expect(await el.submit()).to.be.false;
      await el.updateComplete;
      const shown: Record<string, string> = {};
      for (const input of el.querySelectorAll<HTMLInputElement>('[aria-invalid=true]')) {
        shown[input.dataset.path!] = document
          .getElementById(input.getAttribute('aria-describedby')!)!
          .textContent!.trim();
      }
      return { el, shown };
    }

    it('refuses a missing required field', async () => {
      const { shown } = await problemsAfterSubmit({ 'consumer.firstName': '' });
      expect(shown).to.deep.equal({ 'consumer.firstName': 'This field is required.' });
    });

    it('refuses whitespace as a value', async () => {
      const { shown } = await problemsAfterSubmit({ 'billingAddress.city': '   ' });
      expect(shown).to.deep.equal({ 'billingAddress.city': 'This field is required.' });
    });

    it('refuses an email address without a domain', async () => {
      const { shown } = await problemsAfterSubmit({ 'consumer.emailAddress': 'erika@example' });
      expect(shown['consumer.emailAddress']).to.equal('Enter an email like name@example.com.');
    });

    it('refuses a phone number with letters', async () => {
      const { shown } = await problemsAfterSubmit({ 'consumer.mobilePhone': '030 CALL ME' });
      expect(shown['consumer.mobilePhone']).to.equal('Use digits, spaces and + ( ) - . / only.');
    });

    it('refuses a date of birth in the future and before 1900', async () => {
      const future = await problemsAfterSubmit({ 'consumer.dateOfBirth': '2999-01-01' });
      expect(future.shown['consumer.dateOfBirth']).to.equal('The date is in the future.');
      const early = await problemsAfterSubmit({ 'consumer.dateOfBirth': '1899-12-31' });
      expect(early.shown['consumer.dateOfBirth']).to.equal('Enter a date from 1900-01-01.');
    });

    it('refuses a value longer than the contract allows (prefilled past maxlength)', async () => {
      const el = await mount(
        html`<smartpay-network-token .billingAddress=${{ postCode: '12345678901' }}></smartpay-network-token>`,
      );
      await type(el, { ...TYPED, 'billingAddress.postCode': '12345678901' });
      expect(await el.submit()).to.be.false;
      await el.updateComplete;
      expect(field(el, 'billingAddress.postCode').getAttribute('aria-invalid')).to.equal('true');
      expect(el.querySelector(`#${field(el, 'billingAddress.postCode').id}-error`)?.textContent).to.contain(
        'At most 10 characters.',
      );
    });

    it('requires a country and a state for the USA', async () => {
      const { shown } = await problemsAfterSubmit({ 'billingAddress.countryCode': 'USA' });
      expect(shown).to.deep.equal({ 'billingAddress.state': 'This field is required.' });
      const none = await problemsAfterSubmit({ 'billingAddress.countryCode': '' });
      expect(none.shown).to.deep.equal({ 'billingAddress.countryCode': 'This field is required.' });
    });

    it('checks the shipping address when it differs', async () => {
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      await type(el, TYPED);
      el.querySelector<HTMLInputElement>('.sp-check input')!.click();
      await el.updateComplete;
      expect(await el.submit()).to.be.false;
      await el.updateComplete;
      const invalid = [...el.querySelectorAll<HTMLElement>('[aria-invalid=true]')].map((i) => i.dataset.path);
      expect(invalid).to.include.members([
        'shippingAddress.addressLine1',
        'shippingAddress.postCode',
        'shippingAddress.city',
      ]);
      expect(server.to('/api/network-tokens')).to.have.length(0);
    });

    it('ties each error to its field, focuses the first, and announces a summary in the one live region', async () => {
      const { el } = await problemsAfterSubmit({ 'consumer.firstName': '', 'billingAddress.city': '' });
      const input = field(el, 'consumer.firstName');
      expect(document.activeElement === input, 'focus on the first invalid field').to.be.true;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const error = document.getElementById(input.getAttribute('aria-describedby')!)!;
      expect(error.textContent?.trim()).to.equal('This field is required.');
      const regions = el.shadowRoot!.querySelectorAll('[role=status], [aria-live]');
      expect(regions).to.have.length(1);
      expect(regions[0]!.textContent).to.equal('Fields to correct: 2. First name: This field is required.');
      await expect(el).to.be.accessible();
    });

    it('checks a field when the shopper leaves it, and clears the error once it is fixed', async () => {
      const el = await mount(html`<smartpay-network-token locale="en"></smartpay-network-token>`);
      await type(el, { 'consumer.emailAddress': 'nope' });
      const input = field(el, 'consumer.emailAddress');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(part(el, '[role=status]')?.textContent).to.equal('Email: Enter an email like name@example.com.');
      input.value = 'erika@example.com';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
      expect(input.hasAttribute('aria-invalid')).to.be.false;
      expect(input.hasAttribute('aria-describedby')).to.be.false;
    });

    it('does not complain about an empty field the shopper only tabbed through', async () => {
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      field(el, 'consumer.firstName').focus();
      field(el, 'consumer.firstName').dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      await el.updateComplete;
      expect(!!el.querySelector('[aria-invalid]')).to.be.false;
    });
  });

  describe('keyboard only', () => {
    it('fills the form with the keyboard and submits with Enter', async () => {
      const el = await mount(
        html`<smartpay-network-token locale="en" .billingAddress=${ADDRESS}></smartpay-network-token>`,
      );
      const created = record(el, 'smartpay-token-created');
      field(el, 'consumer.title').focus();
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === field(el, 'consumer.firstName'), 'focus on first name').to.be.true;
      await sendKeys({ type: 'Erika' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === field(el, 'consumer.lastName'), 'focus on last name').to.be.true;
      await sendKeys({ type: 'Mustermann' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'erika@example.com' });
      await sendKeys({ press: 'Enter' });
      await until(() => created.length === 1, 'Enter submitted the form');
      expect(JSON.parse(server.to('/api/network-tokens')[0]!.body!).consumer).to.include({
        firstName: 'Erika',
        lastName: 'Mustermann',
        emailAddress: 'erika@example.com',
      });
    });

    it('toggles "same as billing" with Space, and reaches "Try again" with Tab', async () => {
      const el = await mount(
        html`<smartpay-network-token .consumer=${CONSUMER} .billingAddress=${ADDRESS}></smartpay-network-token>`,
      );
      el.querySelector<HTMLInputElement>('.sp-check input')!.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(field(el, 'shippingAddress.city')).to.exist;
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      server.on('POST', '/api/network-tokens', () => new Response('{}', { status: 500 }));
      submitButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, '[part~=error]'));
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === part(el, '[part~=error]'), 'focus on the error').to.be.true;
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === part(el, '[part~=error] button'), 'focus on Try again').to.be
        .true;
    });
  });

  describe('locale and messages', () => {
    it('takes the locale from the closest lang attribute, then changes language at runtime without losing entries', async () => {
      const wrapper = document.createElement('div');
      wrapper.lang = 'ja';
      document.body.append(wrapper);
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      wrapper.append(el);
      await until(() => field(el, 'consumer.firstName').labels?.[0]?.textContent?.trim() !== 'First name');
      expect(field(el, 'consumer.firstName').labels?.[0]?.textContent?.trim()).to.equal('名');
      const order = [...el.querySelectorAll<HTMLElement>('[data-path^="consumer."]')].map(
        (i) => i.dataset.path,
      );
      expect(order.indexOf('consumer.lastName')).to.be.below(order.indexOf('consumer.firstName'));
      await type(el, { 'consumer.firstName': 'Erika', 'consumer.emailAddress': 'x' });
      el.locale = 'de';
      await until(() => field(el, 'consumer.firstName').labels?.[0]?.textContent?.trim() !== '名');
      expect(field(el, 'consumer.firstName').labels?.[0]?.textContent?.trim()).to.equal('Vorname');
      expect(field(el, 'consumer.firstName').value).to.equal('Erika');
      const error = document.getElementById(`${field(el, 'consumer.emailAddress').id}-error`)!;
      expect(error.textContent?.trim()).to.equal('E-Mail wie name@example.com eingeben.');
      expect(currentStep(el)).to.equal('Ihre Daten');
      wrapper.lang = 'en';
      el.locale = undefined;
      await until(() => field(el, 'consumer.firstName').labels?.[0]?.textContent?.trim() === 'First name');
      wrapper.remove();
    });

    it('lets the merchant override any text', async () => {
      const el = await mount(
        html`<smartpay-network-token
          locale="de"
          .messages=${{ continue: 'Zur Karte', errRequired: 'Pflicht.' }}
        ></smartpay-network-token>`,
      );
      expect(submitButton(el).textContent?.trim()).to.equal('Zur Karte');
      await el.submit();
      await el.updateComplete;
      expect(el.querySelector('.sp-error:not([hidden])')?.textContent?.trim()).to.equal('Pflicht.');
      expect(field(el, 'consumer.firstName').labels?.[0]?.textContent?.trim()).to.equal('Vorname');
    });

    it('falls back to English for a language it does not ship', async () => {
      const el = await mount(html`<smartpay-network-token locale="sw-KE"></smartpay-network-token>`);
      expect(currentStep(el)).to.equal('Your details');
      await until(() => field(el, 'billingAddress.countryCode').options.length > 1);
      expect(
        [...field(el, 'billingAddress.countryCode').options].find((o) => o.value === 'DEU')?.textContent,
      ).to.equal('Ujerumani');
    });
  });

  describe('theming', () => {
    it('reads --smartpay-* custom properties', async () => {
      const el = await mount(html`<smartpay-network-token
        style="--smartpay-color-primary: rgb(200, 0, 100); --smartpay-radius: 2px; --smartpay-font-family: serif"
      ></smartpay-network-token>`);
      const button = getComputedStyle(submitButton(el));
      expect(button.backgroundColor).to.equal('rgb(200, 0, 100)');
      expect(button.borderTopLeftRadius).to.equal('2px');
      expect(getComputedStyle(field(el, 'consumer.firstName')).fontFamily).to.equal('serif');
    });

    it('has a dark scheme when the shopper prefers one, unless the page sets color-scheme', async () => {
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      const base = () => getComputedStyle(part(el, '[part~=base]')!).backgroundColor;
      expect(base()).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'dark' });
      expect(base()).to.equal('rgb(26, 28, 34)');
      expect(getComputedStyle(field(el, 'consumer.firstName')).color).to.equal('rgb(236, 238, 243)');
      await expect(el).to.be.accessible();
      el.style.colorScheme = 'light';
      expect(base()).to.equal('rgb(255, 255, 255)');
    });

    it('stops the spinner when the shopper prefers reduced motion', async () => {
      const el = await mount(
        html`<smartpay-network-token .consumer=${CONSUMER} .billingAddress=${ADDRESS}></smartpay-network-token>`,
      );
      server.sendOnConnect = false;
      server.tokens.clear();
      server.on(
        'POST',
        '/api/network-tokens',
        () =>
          new Response(
            JSON.stringify({
              tokenId: 'tok_x',
              status: 'PROVISIONING',
              clientSecret: 'secret_tok_x',
              createdAt: '',
            }),
            { status: 201 },
          ),
      );
      server.tokens.set('tok_x', { status: 'PROVISIONING', updatedAt: '' });
      await el.submit();
      await until(() => part(el, '.spinner'));
      expect(getComputedStyle(part(el, '.spinner')!).animationName).to.equal('sp-spin');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(part(el, '.spinner')!).animationName).to.equal('none');
    });

    it('exposes its main pieces as parts', async () => {
      const el = await mount(html`<smartpay-network-token></smartpay-network-token>`);
      for (const name of ['base', 'stepper', 'step', 'step-current']) {
        expect(part(el, `[part~=${name}]`), name).to.exist;
      }
    });
  });
});
