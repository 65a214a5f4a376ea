import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../define.js';
import { timing } from '../internal/timing.js';
import type { SmartpayNetworkToken } from '../smartpay-network-token.js';

/** Every wait of the widget, shrunk so retries and backoff take milliseconds. */
export function fastTiming(): void {
  Object.assign(timing, {
    retryBase: 4,
    pollMax: 30,
    streamIdle: 250,
    sdkTimeout: 250,
    slowAfter: 50,
  });
}

/** A valid consumer and billing address, as a merchant would supply them. */
export const CONSUMER = { firstName: 'Erika', lastName: 'Mustermann', emailAddress: 'erika@example.com' };
export const ADDRESS = {
  addressLine1: 'Hauptstraße',
  number: '5',
  postCode: '10115',
  city: 'Berlin',
  countryCode: 'DEU',
};

/** The same, as the shopper types them into the form. */
export const TYPED = {
  'consumer.firstName': 'Erika',
  'consumer.lastName': 'Mustermann',
  'consumer.emailAddress': 'erika@example.com',
  'billingAddress.addressLine1': 'Hauptstraße',
  'billingAddress.postCode': '10115',
  'billingAddress.city': 'Berlin',
  'billingAddress.countryCode': 'DEU',
};

export const CARD = {
  'card.cardNumber': '4111 1111 1111 1111',
  'card.expiry': '12/34',
  'card.cvc': '123',
  'card.cardHolderName': 'Erika Mustermann',
};

/** Renders the element and waits for `smartpay-ready` (the form rendered, the config loaded). */
export async function mount(template: TemplateResult): Promise<SmartpayNetworkToken> {
  const ready = oneEvent(document, 'smartpay-ready');
  const el = await fixture<SmartpayNetworkToken>(template);
  await ready;
  return el;
}

/** The element in the direct flow, in English, with the consumer and billing address supplied. */
export const mountDirect = () =>
  mount(html`<smartpay-network-token
    locale="en"
    integration-flow="direct"
    .consumer=${CONSUMER}
    .billingAddress=${ADDRESS}
  ></smartpay-network-token>`);

/** A form control of the element (they live in its light DOM). */
export const field = (el: HTMLElement, path: string) =>
  el.querySelector<HTMLInputElement & HTMLSelectElement>(`[data-path="${path}"]`)!;

/** An element of the shadow root. */
export const part = (el: HTMLElement, selector: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(selector);

/** Types into fields as a shopper would: value, then an input event, then leaving the field. */
export async function type(el: SmartpayNetworkToken, values: Record<string, string>): Promise<void> {
  for (const [path, value] of Object.entries(values)) {
    const input = field(el, path);
    if (!input) throw new Error(`no field ${path}`);
    // A select gets its options in a task after the render that shows it (see #fillSelects).
    if (input instanceof HTMLSelectElement && value)
      await until(() => input.querySelector(`[value="${value}"]`));
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    await el.updateComplete;
  }
}

/** The submit button of the light-DOM form. */
export const submitButton = (el: HTMLElement) =>
  el.querySelector<HTMLButtonElement>('.sp-form button:not([type])')!;

/** The step the stepper marks as current (or failed). */
export const currentStep = (el: HTMLElement) =>
  part(el, '[part~=step-current], [part~=step-failed]')?.textContent?.trim();

export const until = (predicate: () => unknown, message?: string) =>
  waitUntil(predicate, message, { timeout: 3000 });

/** Every event of these types the element sends, in order. */
export function record(el: HTMLElement, ...types: string[]): CustomEvent[] {
  const events: CustomEvent[] = [];
  for (const type of types) el.addEventListener(type, (event) => events.push(event as CustomEvent));
  return events;
}
