import type { CreateTokenBody } from '@smartpay/contract';
import { EARLIEST_BIRTHDATE, isFinalStatus } from '@smartpay/contract/core';
import {
  type CSSResult,
  html,
  LitElement,
  nothing,
  type PropertyValues,
  render,
  type TemplateResult,
} from 'lit';
import { type SmartpayErrorDetail, SmartpayErrorEvent } from './events/error.js';
import { SmartpayReadyEvent } from './events/ready.js';
import { SmartpayStatusChangeEvent } from './events/status-change.js';
import { SmartpayTokenActiveEvent } from './events/token-active.js';
import { SmartpayTokenCreatedEvent } from './events/token-created.js';
import { ApiError, api } from './internal/api.js';
import { brandName, cardBrand, digitsOf, groupDigits, parseExpiry } from './internal/card.js';
import {
  ADDRESS_FORM,
  CARD_FORM,
  CONSUMER_FORM,
  type FieldDef,
  fieldProblem,
  needsState,
  ruleOf,
  type Section,
  SHORT,
  sectionValues,
  suppliedInFull,
} from './internal/form.js';
import {
  canonicalLocale,
  catalogue,
  countries,
  fill,
  likelyCountry,
  type MessageKey,
  type Problem,
  problemText,
} from './internal/i18n.js';
import type { Messages } from './internal/messages.js';
import { loadSdk } from './internal/sdk-loader.js';
import { followStatus } from './internal/status-follower.js';
import styles from './smartpay-network-token.styles.js';
import type { Address, Consumer, IntegrationFlow, PublicToken } from './types.js';
import { VERSION } from './version.js';

/** Where the shopper is: the index of the step shown, or `error` (the stepper keeps the step that failed). */
const Phase = { details: 0, card: 1, provisioning: 2, saved: 3, error: 4 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const STEPS = ['stepDetails', 'stepCard', 'stepProvisioning', 'stepSaved'] as const;
const SECTIONS: readonly Section[] = ['consumer', 'billingAddress', 'shippingAddress'];
const TITLES = ['Mr', 'Mrs', 'Ms'] as const;

/** What "Try again" does: reload the config, create a fresh token, or return to a step. */
type Retry = 'config' | 'create' | Phase;

/** The error shown, and the step it happened on. */
interface Failure extends Omit<SmartpayErrorDetail, 'message'> {
  readonly key: MessageKey;
  readonly retry: Retry;
  readonly step: number;
}

/** One try at a token: its own idempotency key and abort signal. "Try again" starts a new one. */
interface Attempt {
  readonly key: string;
  readonly controller: AbortController;
  tokenId?: string;
  clientSecret?: string;
  status?: string;
}

/** SmartPay's card-form errors (docs/interfaces.md), as the widget reports them. */
const FORM_ERRORS: Readonly<Record<string, readonly [code: string, key: MessageKey]>> = {
  ERROR_CHECKOUT_TIMEOUT: ['payment_form_expired', 'errExpiredForm'],
  ERROR_AUTHENTICATION_FAILED: ['card_authentication_failed', 'errAuth'],
  ERROR_INVALID_INPUT: ['payment_form_failed', 'errUnavailable'],
};

/** Statuses in the order a token goes through them: a late, older status never undoes a newer one. */
const rank = (status = ''): number => (status === 'PENDING_PAYMENT_FORM' ? 0 : isFinalStatus(status) ? 2 : 1);

let instances = 0;

/**
 * Saves a shopper's card as a SmartPay network token: collects the details the token needs, asks
 * the merchant server to create it, shows SmartPay's card form (or its own card fields in the
 * direct flow), follows the token until it is active, and reports every step with DOM events.
 *
 * The form is rendered into the element's light DOM (slot `form`), so browser autofill, password
 * managers and `<label for>` work in every browser; SmartPay's card form goes into a light-DOM
 * container too (slot `card-form`), because provider iframes must not depend on shadow DOM.
 *
 * @tagname smartpay-network-token
 * @summary Save a card as a SmartPay network token, in any page or framework.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.example/smartpay-network-token.js"></script>
 * <smartpay-network-token endpoint="https://shop.example" locale="de-DE"></smartpay-network-token>
 * ```
 *
 * @event smartpay-ready - The form is rendered and `/api/config` is loaded. `detail`: `{integrationFlow}`.
 * @event smartpay-token-created - The merchant server created a token. `detail`: `{tokenId, status, createdAt}`.
 * @event smartpay-status-change - The token's status changed. `detail`: `{tokenId, status, previousStatus, updatedAt}`.
 * @event smartpay-token-active - The card is saved. `detail`: the public token `{tokenId, status, updatedAt, card}`.
 * @event smartpay-error - Something failed. `detail`: `{code, message, retryable, tokenId?, fields?, requestId?}`.
 *
 * @slot form - Reserved: the widget renders its form here, in the light DOM.
 * @slot card-form - Reserved: SmartPay's hosted card form (an iframe) is rendered here, in the light DOM.
 *
 * @csspart base - The frame around everything.
 * @csspart stepper - The list of steps.
 * @csspart step - One step; the current one is also `step-current`, done ones `step-done`, a failed one `step-failed`.
 * @csspart status - The text shown while waiting (loading the card form, confirming the card).
 * @csspart success - The "card saved" panel.
 * @csspart error - The error panel.
 * @csspart button - The "Try again" button.
 *
 * @cssproperty --smartpay-color-primary - Buttons, progress and focus rings.
 * @cssproperty --smartpay-color-on-primary - Text on primary buttons.
 * @cssproperty --smartpay-color-text - Text.
 * @cssproperty --smartpay-color-muted - Secondary text.
 * @cssproperty --smartpay-color-background - Background of the widget and its fields.
 * @cssproperty --smartpay-color-border - Field borders.
 * @cssproperty --smartpay-color-danger - Errors.
 * @cssproperty --smartpay-color-success - The saved state.
 * @cssproperty --smartpay-color-focus - Focus rings (default: the primary colour).
 * @cssproperty --smartpay-radius - Corner radius of fields and buttons.
 * @cssproperty --smartpay-spacing - The base spacing unit.
 * @cssproperty --smartpay-font-family - Font.
 * @cssproperty --smartpay-font-size - Base font size.
 */
export class SmartpayNetworkToken extends LitElement {
  static override styles = styles;
  /**
   * Reactive properties, declared here rather than with @property/@state decorators: the decorator
   * helpers cost 0.4 KB gzipped in the CDN file, which the size budget cannot spare.
   */
  static override properties = {
    phase: { state: true },
    busy: { state: true },
    failure: { state: true },
    token: { state: true },
    loadingForm: { state: true },
    sameAsBilling: { state: true },
    announcement: { state: true },
    problems: { state: true },
    endpoint: {},
    integrationFlow: { attribute: 'integration-flow' },
    currency: {},
    locale: {},
    consumer: { attribute: false },
    billingAddress: { attribute: false },
    shippingAddress: { attribute: false },
    messages: { attribute: false },
  };

  /** The package version, to tell two copies on one page apart. */
  static readonly version: string = VERSION;

  private phase: Phase = Phase.details;
  private busy = false;
  private failure?: Failure;
  private token?: PublicToken;
  private loadingForm = false;
  private sameAsBilling = true;
  private announcement = '';
  private problems: Readonly<Record<string, Problem>> = {};

  /** Base URL of the merchant API (`{endpoint}/api/...`); empty for the page's own origin. */
  endpoint = '';

  /** `payment-form`: SmartPay's hosted card form. `direct`: the widget's own card fields, tokenized by SmartPay's PCI proxy. */
  integrationFlow: IntegrationFlow = 'payment-form';

  /** ISO 4217 code for the token. Unset: the merchant server's currency (EUR unless configured). */
  currency?: string;

  /** BCP 47 locale of texts and country names. Unset: the closest `lang` attribute, then the browser's language. */
  locale?: string;

  /** The consumer, to prefill the form; when it passes every check, the widget does not ask for it. */
  consumer?: Consumer;

  /** The billing address, to prefill; when complete and valid, it is not asked for. */
  billingAddress?: Address;

  /** The shipping address, to prefill; when complete and valid, it is not asked for. */
  shippingAddress?: Address;

  /** Replacements for any text of the widget, by message key, whatever the locale. */
  messages?: Partial<Messages>;

  readonly #id = `sp${++instances}`;
  /** What the shopper typed (and the merchant prefilled), by path: `consumer.firstName`, `card.cardNumber`… */
  #values: Record<string, string> = {};
  /** Paths the shopper has typed in: only those are checked when left. */
  readonly #touched = new Set<string>();
  /** Sections the merchant supplied whole: not asked for. */
  readonly #supplied = new Set<Section>();
  #lang = 'en';
  #m: Messages = catalogue('en');
  /** The light-DOM containers: the form, and SmartPay's card form. */
  #form?: HTMLElement;
  #frame?: HTMLElement;
  #attempt?: Attempt;
  #config?: ReturnType<typeof api.config>;
  /** The endpoint and flow `smartpay-ready` was last sent for. */
  #ready = '';
  /** Bumped whenever pending card-form work must be ignored (new render, abandon, disconnect). */
  #generation = 0;
  /** The locale SmartPay's form was rendered in: it is rendered again when the locale changes. */
  #formLocale = '';
  #focusAfterUpdate = '';
  #rendering = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#form ??= Object.assign(document.createElement('div'), { slot: 'form', className: 'sp-root' });
    this.#frame ??= this.#newFrame();
    const root = this.getRootNode() as Document | ShadowRoot;
    // The form is in light DOM: its styles go where it is, the page or the enclosing shadow root.
    const sheet = (styles as CSSResult).styleSheet!;
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    if (this.hasUpdated) {
      // Back in the page (moved, re-parented): follow the token again and re-render SmartPay's form.
      this.#formLocale = '';
      this.#resume();
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#attempt?.controller.abort();
    this.#generation++;
    if (!this.#attempt?.tokenId) {
      this.#attempt = undefined;
      this.busy = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#lang = canonicalLocale(this.locale) ?? this.#pageLocale();
    this.#m = catalogue(this.#lang, this.messages);
    for (const section of SECTIONS) {
      if (!changed.has(section)) continue;
      this.#prefill(section);
      if (suppliedInFull(section, this[section])) this.#supplied.add(section);
      else this.#supplied.delete(section);
    }
    if (!this.hasUpdated) {
      this.#values['billingAddress.countryCode'] ||= likelyCountry(this.#lang) ?? '';
      return;
    }
    if (changed.has('endpoint')) this.#loadConfig();
    // A new endpoint or flow before the card is in: start over on the new terms, keeping the entries.
    if (
      (changed.has('endpoint') || changed.has('integrationFlow')) &&
      (this.phase === Phase.card || (this.phase === Phase.error && this.failure?.retry !== 'config'))
    ) {
      this.#abandon();
    }
    // SmartPay's form follows the locale: rendered again in the new one (and after a reconnect).
    if (this.phase === Phase.card && !this.#direct && this.#formLocale !== this.#lang) this.#renderCardForm();
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    // Frameworks may drop children they did not render (hydration): put the containers back.
    if (this.#form!.parentNode !== this) this.append(this.#form!, this.#frame!);
    this.#rendering = true;
    render(this.#renderForm(), this.#form!, { host: this });
    this.#rendering = false;
  }

  protected override firstUpdated(): void {
    this.#loadConfig();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('integrationFlow')) this.#checkReady();
    const selector = this.#focusAfterUpdate;
    this.#focusAfterUpdate = '';
    // After this update: the field that loses focus checks itself, which is a state change of its own.
    if (selector) {
      const target =
        this.renderRoot.querySelector<HTMLElement>(selector) ??
        this.#form!.querySelector<HTMLElement>(selector);
      queueMicrotask(() => target?.focus());
    }
  }

  /** A light-DOM container for SmartPay's form, slotted into the card step. */
  #newFrame(): HTMLElement {
    return Object.assign(document.createElement('div'), {
      slot: 'card-form',
      id: `${this.#id}-card${this.#generation}`,
    });
  }

  /** True for the direct flow; any other attribute value means the default, payment-form. */
  get #direct(): boolean {
    return this.integrationFlow === 'direct';
  }

  /** The closest `lang` (across shadow roots), read at each render; then the browser's language. */
  #pageLocale(): string {
    for (
      let node: Element | null = this;
      node;
      node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host
    ) {
      const lang = canonicalLocale(node.getAttribute('lang'));
      if (lang) return lang;
    }
    return canonicalLocale(navigator.language) ?? 'en';
  }

  /** Copies what the merchant supplied for a section into the form, over what was there. */
  #prefill(section: Section): void {
    const supplied = this[section] ?? {};
    for (const [name, value] of Object.entries(supplied)) {
      if (typeof value === 'string') this.#values[`${section}.${name}`] = value;
    }
    if (section === 'shippingAddress' && Object.keys(supplied).length) this.sameAsBilling = false;
  }

  /**
   * Moves focus after the next render, but only when focus is in the widget or was lost with a
   * removed element: never away from the page's own fields. `always` for the shopper's own actions.
   */
  #focusLater(selector: string, always = false): void {
    const active = document.activeElement;
    if (always || !active || active === document.body || this.contains(active))
      this.#focusAfterUpdate = selector;
  }

  /** Says `text` through the one live region (a changed text, so a repeat is announced too). */
  #announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  #loadConfig(): void {
    const config = api.config(this.endpoint, new AbortController().signal);
    this.#config = config;
    this.#ready = '';
    config.then(
      () => this.#checkReady(),
      (error: unknown) => this.#config === config && this.#failWith(error, 'config'),
    );
  }

  /** Sends `smartpay-ready` once per endpoint and flow, or fails when the merchant does not offer the flow. */
  async #checkReady(): Promise<void> {
    const config = await this.#config?.catch(() => undefined);
    const flow = this.#direct ? 'direct' : 'payment-form';
    const key = `${this.endpoint} ${flow}`;
    if (!config || this.#ready === key || this.phase === Phase.error) return;
    this.#ready = key;
    if (!config.integrationFlows.includes(flow))
      return this.#fail('flow_not_allowed', 'errUnavailable', Phase.details);
    await this.updateComplete;
    this.dispatchEvent(new SmartpayReadyEvent({ integrationFlow: flow }));
  }

  /** The paths of the fields the shopper sees now: the rendered form is the truth. */
  #visiblePaths(): string[] {
    return [...this.#form!.querySelectorAll<HTMLElement>('[data-path]')].map((input) => input.dataset.path!);
  }

  #problemAt(path: string): Problem | undefined {
    const input = this.#form!.querySelector<HTMLInputElement>(`[data-path="${path}"]`);
    return input?.validity.badInput ? { key: 'errDate' } : fieldProblem(path, this.#values);
  }

  #labelOf(path: string): string {
    return this.#m[path.split('.')[1] as MessageKey];
  }

  /** Shows problems on their fields, focuses the first, and says it through the live region. */
  #showProblems(problems: Record<string, Problem>): boolean {
    this.problems = problems;
    const [first, ...rest] = Object.entries(problems);
    if (!first) return false;
    const error = problemText(this.#m, first[1]);
    this.#focusLater(`[data-path="${first[0]}"]`, true);
    this.#announce(fill(this.#m.summary, { count: rest.length + 1, field: this.#labelOf(first[0]), error }));
    return true;
  }

  /** The create body: the merchant's sections, the shopper's entries over them. */
  #body(): CreateTokenBody {
    // A section the shopper saw is what the form holds (the merchant's prefill included).
    const section = (name: Section): Record<string, string> =>
      this.#supplied.has(name)
        ? { ...(this[name] as Record<string, string>) }
        : sectionValues(this.#values, name);
    const billingAddress = section('billingAddress');
    return {
      integrationFlow: this.#direct ? 'direct' : 'payment-form',
      ...(this.currency ? { currencyCode: this.currency } : {}),
      consumer: section('consumer'),
      billingAddress,
      shippingAddress:
        this.sameAsBilling && !this.#supplied.has('shippingAddress')
          ? billingAddress
          : section('shippingAddress'),
    } as CreateTokenBody;
  }

  /** Ends the current attempt (stops following its token, ignores what it still answers) and shows a step. */
  #abandon(phase: Phase = Phase.details): void {
    this.#attempt?.controller.abort();
    this.#attempt = undefined;
    this.#generation++;
    this.busy = this.loadingForm = false;
    this.failure = undefined;
    this.#frame?.replaceChildren();
    this.#formLocale = '';
    this.phase = phase;
  }

  /** Creates a token from the details (and, in the direct flow, the tokenized card), then follows it. */
  async #create(): Promise<boolean> {
    // The shopper's fields passed the contract's checks; anything else the page supplied that the
    // server refuses comes back as validation_failed on fields the shopper cannot see (see #failWith).
    const body = this.#body();
    this.#attempt?.controller.abort();
    const attempt: Attempt = { key: crypto.randomUUID(), controller: new AbortController() };
    const { signal } = attempt.controller;
    this.#attempt = attempt;
    this.busy = true;
    try {
      const config = await this.#config!;
      if (this.#direct) body.cardDetails = await this.#tokenize(config.tokenizeUrl, signal);
      const created = await api.create(this.endpoint, body, attempt.key, signal);
      Object.assign(attempt, {
        tokenId: created.tokenId,
        clientSecret: created.clientSecret,
        status: created.status,
      });
      this.busy = false;
      const { tokenId, status, createdAt } = created;
      this.dispatchEvent(new SmartpayTokenCreatedEvent({ tokenId, status, createdAt }));
      this.#resume();
      return true;
    } catch (error) {
      if (!signal.aborted) {
        this.busy = false;
        // SmartPay's PCI proxy refusing the number is the shopper's to fix: shown on the field, like a check.
        if ((error as ApiError).code === 'card_refused')
          this.#showProblems({ 'card.cardNumber': { key: 'errCardNumber' } });
        else this.#failWith(error, this.#direct ? Phase.card : 'create');
      }
      return false;
    }
  }

  /** Sends the card number and CVC to SmartPay's PCI proxy, and nowhere else; returns the card details with tokens. */
  async #tokenize(tokenizeUrl: string, signal: AbortSignal): Promise<CreateTokenBody['cardDetails']> {
    const value = (name: string) => this.#values[`card.${name}`]?.trim() ?? '';
    const pan = digitsOf(value('cardNumber'));
    const expiry = parseExpiry(value('expiry'))!;
    try {
      const tokens = await api.tokenize(tokenizeUrl, { pan, cvv: value('cvc') }, signal);
      return {
        brand: cardBrand(pan)!,
        ...(value('holderName') ? { holderName: value('holderName') } : {}),
        ...tokens,
        expiryMonth: expiry.month,
        expiryYear: expiry.year,
      };
    } catch (error) {
      throw error instanceof ApiError && error.code !== 'network_error'
        ? new ApiError(error.status === 400 ? 'card_refused' : 'tokenization_failed', error.status)
        : error;
    }
  }

  /**
   * Follows the current token: after a create, and again when the element is put back in the page.
   * A token that is already final still gets one read, for its public view (the card).
   */
  #resume(): void {
    const old = this.#attempt;
    if (!old?.tokenId || this.phase >= Phase.saved) return;
    const attempt: Attempt = { ...old, controller: new AbortController() };
    const tokenId = attempt.tokenId!;
    this.#attempt = attempt;
    followStatus({
      endpoint: this.endpoint,
      tokenId,
      clientSecret: attempt.clientSecret!,
      signal: attempt.controller.signal,
      onToken: (token) => this.#applyToken(attempt, token),
    }).catch(
      () => this.#attempt === attempt && this.#fail('status_unavailable', 'errServer', 'create', { tokenId }),
    );
    if (isFinalStatus(attempt.status!)) this.phase = Phase.provisioning;
    else this.#applyToken(attempt, { tokenId, status: attempt.status!, updatedAt: '' });
  }

  /** Takes a status read (stream, poll or card form) into account: events, step, focus, announcement. */
  #applyToken(attempt: Attempt, token: PublicToken): void {
    const { tokenId, status } = token;
    if (this.#attempt !== attempt || tokenId !== attempt.tokenId) return;
    const previousStatus = attempt.status!;
    if (status !== previousStatus) {
      if (rank(status) < rank(previousStatus) || isFinalStatus(previousStatus)) return;
      attempt.status = status;
      this.dispatchEvent(
        new SmartpayStatusChangeEvent({ tokenId, status, previousStatus, updatedAt: token.updatedAt }),
      );
    }
    const phase =
      status === 'ACTIVE'
        ? Phase.saved
        : status === 'ERROR'
          ? Phase.error
          : status === 'PENDING_PAYMENT_FORM' && !this.#direct
            ? Phase.card
            : Phase.provisioning;
    if (phase === this.phase) return;
    if (phase === Phase.error) {
      this.#fail('provisioning_failed', 'errDeclined', this.#direct ? Phase.card : 'create', { tokenId });
      return;
    }
    this.phase = phase;
    if (phase === Phase.saved) {
      attempt.controller.abort();
      this.#generation++;
      this.token = token;
      for (const path in this.#values) if (path.startsWith('card.')) delete this.#values[path];
      this.#focusLater('[part~=success]');
      this.#announce(`${this.#m.saved}. ${this.#savedText()}`);
      this.dispatchEvent(new SmartpayTokenActiveEvent(token));
    } else {
      this.#focusLater(phase === Phase.card ? '.lead' : '[part~=status]');
      this.#announce(phase === Phase.card ? this.#m.cardIntro : this.#m.provisioning);
    }
  }

  /** Loads SmartPay's SDK (once per page) and renders the hosted card form for the current token into the light DOM. */
  async #renderCardForm(): Promise<void> {
    const attempt = this.#attempt;
    const generation = ++this.#generation;
    const stale = () => generation !== this.#generation;
    this.#formLocale = this.#lang;
    const tokenId = attempt?.tokenId;
    if (!tokenId) return;
    this.loadingForm = true;
    try {
      const config = await this.#config!;
      const nonce = this.nonce || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
      const sdk = await loadSdk(config.sdkUrl, nonce);
      if (stale()) return;
      this.loadingForm = false;
      // A fresh container each time: SmartPay's SDK moves an open form into it and reloads it (with
      // the new locale), where clearing the old one would leave the form detached.
      const frame = this.#newFrame();
      this.#frame!.replaceWith(frame);
      this.#frame = frame;
      await this.updateComplete;
      const result = await sdk.renderWidget({
        containerId: this.#frame!.id,
        tokenId,
        locale: this.#lang,
        style: this.#sdkStyle(),
      });
      if (stale()) return;
      const status = result?.status || 'PROVISIONING';
      this.#applyToken(attempt!, { tokenId, status, updatedAt: new Date().toISOString() });
    } catch (error) {
      // Once the card is in, the status stream tells the outcome: a late complaint from the form is moot.
      // Only loading the script (or the config) throws an ApiError; the form rejects with its own codes.
      const unavailable = error instanceof ApiError;
      if (stale() || (rank(attempt!.status) > 0 && !unavailable)) return;
      const [code, key] = unavailable
        ? (['sdk_unavailable', 'errSdk'] as const)
        : (FORM_ERRORS[(error as { code?: string })?.code ?? ''] ?? ['payment_form_failed', 'errServer']);
      this.#fail(code, key, 'create', { tokenId });
    }
  }

  /**
   * The theme, resolved, for SmartPay's form. Lengths and the font come from the custom properties
   * (var() is resolved in them); colours from the frame, which carries each one in some property,
   * so a light-dark() default arrives as the colour the shopper sees.
   */
  #sdkStyle(): Record<string, string> {
    const base = getComputedStyle(this.renderRoot.firstElementChild!);
    const custom = (name: string) => base.getPropertyValue(`--_${name}`).trim();
    return {
      colorPrimary: base.caretColor,
      colorText: base.color,
      colorBackground: base.backgroundColor,
      colorDanger: base.columnRuleColor,
      fontFamily: custom('font'),
      borderRadius: custom('radius'),
      spacing: custom('space'),
    };
  }

  /** Fails with what an exception says: the server's code and request id, or the network. */
  #failWith(error: unknown, retry: Retry): void {
    const {
      code = 'internal_error',
      status = 0,
      requestId,
      fields,
    } = (error instanceof ApiError ? error : {}) as Partial<ApiError>;
    if (fields) console.warn('<smartpay-network-token> refused:', fields);
    // A client error other than a timeout, a conflict or a rate limit: the merchant's setup (or data) is at fault.
    const key: MessageKey =
      code === 'network_error'
        ? 'errNetwork'
        : (status > 399 && status < 500 && ![408, 409, 429].includes(status)) ||
            code === 'provider_misconfigured'
          ? 'errUnavailable'
          : 'errServer';
    this.#fail(retry === 'config' && key !== 'errNetwork' ? 'config_unavailable' : code, key, retry, {
      requestId,
      fields,
    });
  }

  /** Shows the error panel and raises `smartpay-error`. Retryable unless the merchant's setup is at fault. */
  #fail(code: string, key: MessageKey, retry: Retry, extra: Partial<SmartpayErrorDetail> = {}): void {
    this.#attempt?.controller.abort();
    this.#generation++;
    this.busy = this.loadingForm = false;
    const step = this.phase === Phase.error ? this.failure!.step : Math.min(this.phase, Phase.saved);
    const retryable = key !== 'errUnavailable';
    this.failure = { ...extra, code, key, retry, retryable, step };
    this.phase = Phase.error;
    const message = this.#m[key];
    this.#focusLater('[part~=error]');
    this.#announce(`${this.#m.errorTitle}. ${message}`);
    this.dispatchEvent(new SmartpayErrorEvent({ ...extra, code, message, retryable }));
  }

  #savedText(): string {
    const card = this.token?.card;
    return card
      ? fill(this.#m.savedCard, {
          brand: brandName(card.brand),
          last4: card.last4,
          month: card.expiryMonth,
          year: card.expiryYear.slice(-2),
        })
      : '';
  }

  #setProblem(path: string, problem: Problem | undefined): void {
    const { [path]: _, ...rest } = this.problems;
    this.problems = problem ? { ...rest, [path]: problem } : rest;
  }

  #handleInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const path = input.dataset.path;
    if (!path) return;
    if (path === 'card.cardNumber') {
      // Groups of four as the shopper types, the caret kept after the same digit.
      const caret = digitsOf(input.value.slice(0, input.selectionStart ?? 99)).length;
      const grouped = groupDigits(input.value.replace(/\D/g, '').slice(0, 19));
      if (grouped !== input.value) {
        input.value = grouped;
        let at = 0;
        for (let seen = 0; seen < caret && at < grouped.length; at++) if (grouped[at] !== ' ') seen++;
        input.setSelectionRange(at, at);
      }
    }
    this.#values[path] = input.value;
    this.#touched.add(path);
    if (this.problems[path]) this.#setProblem(path, this.#problemAt(path));
    if (path.endsWith('countryCode')) this.#setProblem(path.replace('countryCode', 'state'), undefined);
    // Re-render only what depends on the text: the brand badge, the state field.
    if (path === 'card.cardNumber' || path.endsWith('countryCode')) this.requestUpdate();
  }

  #handleBlur(event: FocusEvent): void {
    const input = event.target as HTMLInputElement;
    const path = input.dataset.path;
    // Chrome also reports a field losing focus as a render removes it (a new step): nothing to check then.
    if (!path || this.#rendering || !(this.#touched.has(path) || this.problems[path])) return;
    const problem = this.#problemAt(path);
    if (problem && !this.problems[path]) {
      this.#announce(`${this.#labelOf(path)}: ${problemText(this.#m, problem)}`);
    }
    this.#setProblem(path, problem);
  }

  #handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  #handleSameAsBilling(event: Event): void {
    this.sameAsBilling = (event.target as HTMLInputElement).checked;
    // A separate shipping address most often is in the same country.
    this.#values['shippingAddress.countryCode'] ||= this.#values['billingAddress.countryCode']!;
  }

  #handleBack(): void {
    this.#abandon();
    this.#focusLater('[data-path]', true);
  }

  #handleRetry(): void {
    const retry = this.failure?.retry;
    if (retry === 'config') {
      this.#abandon();
      this.#loadConfig();
    } else if (retry === 'create') {
      this.#abandon();
      this.#create();
    } else {
      this.#abandon(retry);
      this.#focusLater('[data-path]', true);
    }
  }

  /**
   * Checks the current step and goes on: from the details to the card step, from the card step to
   * saving. Resolves to false when a field needs fixing or something is already under way.
   */
  async submit(): Promise<boolean> {
    const onDetails = this.phase === Phase.details;
    if (this.busy || !(onDetails || (this.phase === Phase.card && this.#direct))) return false;
    const problems: Record<string, Problem> = {};
    for (const path of this.#visiblePaths()) {
      const problem = this.#problemAt(path);
      if (problem) problems[path] = problem;
    }
    if (this.#showProblems(problems)) return false;
    if (onDetails && this.#direct) {
      this.phase = Phase.card;
      this.#focusLater('[data-path]', true);
      return true;
    }
    return this.#create();
  }

  /** Starts over: stops whatever is under way and clears what the shopper typed (the merchant's properties stay). */
  reset(): void {
    this.#abandon();
    this.token = undefined;
    this.#values = {};
    this.#touched.clear();
    this.problems = {};
    this.sameAsBilling = true;
    for (const section of SECTIONS) this.#prefill(section);
    this.#values['billingAddress.countryCode'] ||= likelyCountry(this.#lang) ?? '';
    this.#loadConfig();
  }

  #renderPanel(): TemplateResult | typeof nothing {
    const m = this.#m;
    const spinner = html`<span class="spinner"></span>`;
    switch (this.phase) {
      case Phase.card:
        return this.#direct
          ? nothing
          : html`<p class="lead" tabindex="-1">${m.cardIntro}</p>
              ${this.loadingForm ? html`<p part="status" class="row">${spinner}${m.wait}</p>` : nothing}`;
      case Phase.provisioning:
        return html`<p part="status" class="row" tabindex="-1">${spinner}${m.provisioning}</p>`;
      case Phase.saved:
        return html`<div part="success" tabindex="-1">
          <p class="title">${m.saved}</p>
          <p>${this.#savedText()}</p>
        </div>`;
      case Phase.error:
        return html`<div part="error" tabindex="-1">
          <p class="title">${m.errorTitle}</p>
          <p>${m[this.failure!.key]}</p>
          ${
            this.failure!.retryable
              ? html`<button part="button" type="button" @click=${this.#handleRetry}>${m.tryAgain}</button>`
              : nothing
          }
        </div>`;
    }
    return nothing;
  }

  /** The light-DOM form: the details, or the direct flow's card fields. Nothing on the other steps. */
  #renderForm(): TemplateResult | typeof nothing {
    const m = this.#m;
    const onDetails = this.phase === Phase.details;
    if (!onDetails && !(this.phase === Phase.card && this.#direct)) return nothing;
    const busy = String(this.busy);
    return html`<form
      class="sp-form"
      novalidate
      aria-busy=${busy}
      @submit=${this.#handleSubmit}
      @input=${this.#handleInput}
      @focusout=${this.#handleBlur}
    >
      ${onDetails ? this.#renderDetails() : this.#renderFieldset('card', m.stepCard, CARD_FORM)}
      <div class="sp-actions">
        <button class="sp-button" aria-disabled=${busy}>
          ${this.busy ? m.wait : onDetails ? m.continue : m.saveCard}
        </button>
        ${
          onDetails
            ? nothing
            : html`<button class="sp-button sp-secondary" type="button" @click=${this.#handleBack}>${m.back}</button>`
        }
      </div>
    </form>`;
  }

  #renderDetails(): TemplateResult {
    const m = this.#m;
    // Family name first where that is the custom.
    const [title, first, middle, last, ...rest] = CONSUMER_FORM as [FieldDef, FieldDef, FieldDef, FieldDef];
    const consumer = /^(ja|zh|ko|hu)\b/.test(this.#lang)
      ? [title, last, first, middle, ...rest]
      : CONSUMER_FORM;
    const shown = (section: Section) => !this.#supplied.has(section);
    return html`
      ${shown('consumer') ? this.#renderFieldset('consumer', m.stepDetails, consumer) : nothing}
      ${shown('billingAddress') ? this.#renderFieldset('billingAddress', m.billingAddress, ADDRESS_FORM) : nothing}
      ${
        shown('shippingAddress')
          ? html`<label class="sp-check">
              <input type="checkbox" .checked=${this.sameAsBilling} @change=${this.#handleSameAsBilling} />
              ${m.sameAsBilling}
            </label>
            ${this.sameAsBilling ? nothing : this.#renderFieldset('shippingAddress', m.shippingAddress, ADDRESS_FORM)}`
          : nothing
      }
    `;
  }

  #renderFieldset(section: string, legend: string, fields: readonly FieldDef[]): TemplateResult {
    return html`<fieldset>
      <legend>${legend}</legend>
      ${fields.map((field) =>
        field[0] === 'state' && !needsState(this.#values, section)
          ? nothing
          : this.#renderField(section, field),
      )}
    </fieldset>`;
  }

  #renderField(section: string, field: FieldDef): TemplateResult {
    const m = this.#m;
    const [name, autocomplete = nothing, type] = field;
    const path = `${section}.${name}`;
    const id = `${this.#id}-${section}-${name}`;
    const rule = ruleOf(section, name);
    const required = section === 'card' ? name !== 'holderName' : !!rule?.required || name === 'state';
    const problem = this.problems[path];
    const value = this.#values[path] ?? '';
    const invalid = problem ? 'true' : nothing;
    const describedBy = problem ? `${id}-error` : nothing;
    // The card's brand, as soon as the number shows it, next to the label (read with it, too).
    const brand = path === 'card.cardNumber' && cardBrand(digitsOf(value));
    const note = required ? (brand ? brandName(brand) : '') : `(${m.optional})`;
    const options: readonly (readonly [string, string])[] =
      name === 'title'
        ? TITLES.map((title) => [title, m[`title${title}`]])
        : type === 'select'
          ? countries(this.#lang)
          : [];
    return html`<div class="sp-field ${SHORT.includes(name) ? 'sp-short' : ''}">
      <label for=${id}>
        ${m[name as MessageKey]} ${note && html`<span class="sp-note">${note}</span>`}
      </label>
      ${
        type === 'select'
          ? html`<select
            class="sp-input"
            id=${id}
            data-path=${path}
            autocomplete=${autocomplete}
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
          >
            <option value="" ?selected=${!value}></option>
            ${options.map(([code, label]) =>
              label ? html`<option value=${code} ?selected=${value === code}>${label}</option>` : nothing,
            )}
          </select>`
          : html`<input
            class="sp-input"
            id=${id}
            data-path=${path}
            type=${type === 'numeric' || !type ? 'text' : type}
            autocomplete=${autocomplete}
            inputmode=${type === 'numeric' ? 'numeric' : nothing}
            maxlength=${rule?.max ?? nothing}
            min=${type === 'date' ? EARLIEST_BIRTHDATE : nothing}
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .value=${value}
          />`
      }
      <p class="sp-error" id="${id}-error" ?hidden=${!problem}>${problem && problemText(m, problem)}</p>
    </div>`;
  }

  protected override render(): TemplateResult {
    const m = this.#m;
    const error = this.phase === Phase.error;
    const current = error ? this.failure!.step : this.phase;
    const done = this.phase === Phase.saved ? 4 : current;
    return html`<div part="base">
      <ol part="stepper" aria-label=${m.progress}>
        ${STEPS.map(
          (key, i) =>
            html`<li
              part="step ${i < done ? 'step-done' : i === current ? (error ? 'step-failed' : 'step-current') : ''}"
              aria-current=${i === current ? 'step' : nothing}
            >
              ${m[key]}${i < done ? html`<span class="sr">, ${m.stepDone}</span>` : nothing}
            </li>`,
        )}
      </ol>
      ${this.#renderPanel()}
      <slot name="form"></slot>
      ${
        this.phase === Phase.card && !this.#direct
          ? html`<slot name="card-form"></slot>
            <button part="button" class="sp-secondary" type="button" @click=${this.#handleBack}>${m.back}</button>`
          : nothing
      }
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'smartpay-network-token': SmartpayNetworkToken;
  }
}
