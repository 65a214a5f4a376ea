import type { CreateTokenBody } from '@smartpay/contract';
import { EARLIEST_BIRTHDATE } from '@smartpay/contract/core';
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import { brandName } from './internal/brand-name.js';
import type { CardEntry } from './internal/direct-fields.js';
import { directFields, loadDirectFields } from './internal/direct-loader.js';
import { FlowController } from './internal/flow-controller.js';
import {
  ADDRESS_FORM,
  asciiDigits,
  CONSUMER_FORM,
  DIGIT_FIELDS,
  type FieldDef,
  fieldProblem,
  needsState,
  ruleOf,
  type Section,
  sectionValues,
  suppliedInFull,
} from './internal/form.js';
import {
  alpha3,
  canonicalLocale,
  countryList,
  fill,
  isRtl,
  languageOf,
  likelyCountry,
  loadTexts,
  type Problem,
  problemText,
  textsOf,
} from './internal/i18n.js';
import type { MessageKey, Messages } from './internal/messages.js';
import { pageLocale } from './internal/page-locale.js';
import { regionsOf } from './internal/regions.js';
import { type Changes, WidgetElement } from './internal/widget-element.js';
import styles from './smartpay-network-token.styles.js';
import type { Address, CardTokenizer, Consumer, IntegrationFlow } from './types.js';
import { VERSION } from './version.js';

const STEPS = ['stepDetails', 'stepCard', 'stepProvisioning', 'stepSaved'] as const;
const SECTIONS: readonly Section[] = ['consumer', 'billingAddress', 'shippingAddress'];
const TITLES = ['Mr', 'Mrs', 'Ms'] as const;
const BILLING_COUNTRY = 'billingAddress.countryCode';

/** Numbers ids unique in the page: each element's, and each container of SmartPay's card form. */
let lastId = 0;

/**
 * Saves a shopper's card as a SmartPay network token: collects the details the token needs, asks
 * the merchant server to create it, shows SmartPay's card form (or its own card fields in the
 * direct flow), follows the token until it is active, and reports every step with DOM events.
 *
 * The form is rendered into the element's light DOM (slot `form`), so browser autofill, password
 * managers and `<label for>` work in every browser; SmartPay's card form goes into a light-DOM
 * container too (slot `card-form`), because provider iframes must not depend on shadow DOM.
 *
 * The flow itself (what happens when) is a pure reducer in internal/flow.ts, run by
 * internal/flow-controller.ts; this class keeps the properties, what the shopper typed, focus,
 * announcements and rendering.
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
export class SmartpayNetworkToken extends WidgetElement {
  static override styles = [styles];
  /** Reactive properties: a change renders again; the string ones are also attributes. */
  static override properties = {
    sameAsBilling: { state: true },
    problems: { state: true },
    endpoint: {},
    integrationFlow: { attribute: 'integration-flow' },
    currency: {},
    locale: {},
    country: {},
    consumer: { attribute: false },
    billingAddress: { attribute: false },
    shippingAddress: { attribute: false },
    messages: { attribute: false },
  };

  /** The package version, to tell two copies on one page apart. */
  static readonly version: string = VERSION;

  /** Base URL of the merchant API (`{endpoint}/api/...`); empty for the page's own origin. */
  endpoint = '';

  /** `payment-form`: SmartPay's hosted card form. `direct`: the widget's own card fields, tokenized by SmartPay's PCI proxy. */
  integrationFlow: IntegrationFlow = 'payment-form';

  /** ISO 4217 code for the token. Unset: the merchant server's currency (EUR unless configured). */
  currency?: string;

  /** BCP 47 locale of texts and country names. Unset: the closest `lang` attribute, then the browser's language. */
  locale?: string;

  /** The billing country preselected (ISO alpha-3 or alpha-2). Unset: the server's `defaultCountry`, then the locale's. */
  country?: string;

  /** The consumer, to prefill the form; when it passes every check, the widget does not ask for it. */
  consumer?: Consumer;

  /** The billing address, to prefill; when complete and valid, it is not asked for. */
  billingAddress?: Address;

  /** The shipping address, to prefill; when complete and valid, it is not asked for. */
  shippingAddress?: Address;

  /** Replacements for any text of the widget, by message key, whatever the locale. */
  messages?: Partial<Messages>;

  /** Direct flow: a PCI vault of the merchant's own, used instead of SmartPay's PCI proxy. */
  tokenize?: CardTokenizer;

  /**
   * Checks the current step and goes on: from the details to the card step, from the card step to
   * saving. Resolves to false when a field needs fixing or something is already under way, else
   * once the next step is there (a created token, in the payment-form flow).
   */
  async submit(): Promise<boolean> {
    // The card fields come with their code (fetched as soon as the flow is direct).
    if (this.#flow.state.flow === 'direct') await loadDirectFields();
    const { phase, step, flow } = this.#flow.state;
    if (!this.#editing()) return false;
    const problems: Record<string, Problem> = {};
    for (const input of this.#form.querySelectorAll<HTMLInputElement>('[data-path]')) {
      const problem = this.#problemOf(input);
      if (problem) problems[input.dataset.path!] = problem;
    }
    if (this.#showProblems(problems)) return false;
    // On to the direct flow's card fields: the first of them.
    if (phase === 'details' && flow === 'direct') this.#focusLater('[data-path]', true);
    this.#flow.dispatch(['submit']);
    await this.#flow.settled();
    return this.#flow.state.phase !== 'error' && this.#flow.state.step > step;
  }

  /** Starts over: stops whatever is under way and clears what the shopper typed (the merchant's properties stay). */
  reset(): void {
    this.#flow.dispatch(['reset']);
    this.#values = {};
    this.#touched.clear();
    this.problems = {};
    this.sameAsBilling = true;
    for (const section of SECTIONS) this.#prefill(section);
  }

  private sameAsBilling = true;
  private problems: Readonly<Record<string, Problem | undefined>> = {};

  readonly #flow = new FlowController(this, {
    settings: () => this.#settings(),
    createBody: () => this.#body(),
    cardEntry: () => sectionValues(this.#values, 'card') as unknown as CardEntry,
    tokenizer: () => this.tokenize,
    fieldFor: (path) => this.#fieldFor(path),
    showProblems: (problems) => this.#showProblems(problems),
    cardFormContainer: async () => {
      // A fresh container each time: SmartPay's SDK moves an open form into it and reloads it (with
      // the new locale), where clearing the old one would leave the form detached.
      const frame = Object.assign(document.createElement('div'), {
        slot: 'card-form',
        id: `${this.#id}-card${++lastId}`,
      });
      this.#frame.replaceWith(frame);
      this.#frame = frame;
      await this.updateComplete;
      return frame.id;
    },
    // SmartPay's frame grows as its document lays out: it is shown once its height holds (or after 3 s),
    // so the page never sees it start at one height and jump to another.
    formShown: (id) =>
      new Promise((resolve) => {
        let last = 0;
        let tries = 30;
        const timer = setInterval(() => {
          const height = document.getElementById(id)?.scrollHeight ?? 0;
          if ((height > 47 && height === last) || !--tries) {
            clearInterval(timer);
            resolve();
          }
          last = height;
        }, 100);
      }),
    formOptions: () => ({ locale: this.#lang, style: this.#sdkStyle() }),
    text: (key) => (this.#m ?? textsOf('en')!)[key],
    rendered: () => this.#texts.then(() => this.updateComplete),
  });
  readonly #id = `sp${++lastId}`;
  /** What the shopper typed (and the merchant prefilled), by path: `consumer.firstName`, `card.cardNumber`… */
  #values: Record<string, string> = {};
  /** Paths the shopper has typed in: only those are checked when left. */
  readonly #touched = new Set<string>();
  /** Sections the merchant supplied whole: not asked for. */
  readonly #supplied = new Set<Section>();
  /** The locale shown (texts, country names, SmartPay's form) and its catalogue; texts once loaded. */
  #lang = 'en';
  #m?: Messages;
  /** The load of the texts wanted (the locale may have changed to one still loading). */
  #texts: Promise<unknown> = Promise.resolve();
  /** The light-DOM containers: the form, and SmartPay's card form. */
  readonly #form = Object.assign(document.createElement('div'), { slot: 'form', className: 'sp-root' });
  #frame = Object.assign(document.createElement('div'), { slot: 'card-form' });
  /** The phase and slowness last rendered: a change moves focus and is announced. */
  #phase?: string;
  #slow?: boolean;
  #said?: string;
  #focusAfterUpdate?: string;
  /** The option list each select holds, by a key of what it lists. */
  readonly #lists = new WeakMap<HTMLSelectElement, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode() as Document | ShadowRoot;
    // The form is in light DOM: its styles go where it is, the page or the enclosing shadow root.
    const sheet = styles();
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  protected override willUpdate(changed: Changes): void {
    const locale = canonicalLocale(this.locale) ?? pageLocale(this);
    const language = languageOf(locale);
    // The texts of a new language once its chunk is loaded (the previous ones meanwhile).
    const texts = textsOf(language, this.messages);
    this.#texts = loadTexts(language);
    if (texts) {
      if (this.#m && locale !== this.#lang) this.#flow.dispatch(['locale']);
      this.#m = texts;
      this.#lang = locale;
    } else this.#texts.then(() => this.requestUpdate());
    for (const section of SECTIONS) {
      if (!changed.has(section)) continue;
      this.#prefill(section);
      if (suppliedInFull(section, this[section])) this.#supplied.add(section);
      else this.#supplied.delete(section);
    }
    // The billing country: the page's, else the merchant server's, else the one the locale suggests
    // (asked only once the server has said, and never over the shopper's or the merchant's choice).
    const { config } = this.#flow.state;
    if (!this.#touched.has(BILLING_COUNTRY) && !this.billingAddress?.countryCode) {
      const country =
        alpha3(this.country) ?? (config && (config.defaultCountry ?? likelyCountry(this.#lang)));
      if (country) this.#values[BILLING_COUNTRY] = country;
    }
    this.#flow.dispatch(['settings', this.#settings()]);
  }

  protected override update(changed: Changes): void {
    super.update(changed);
    // Frameworks may drop children they did not render (hydration): put the containers back.
    if (this.#form.parentNode !== this) this.append(this.#form, this.#frame);
    // Arabic and Hebrew have texts of their own: the locale's language is the texts' language.
    this.#form.dir = isRtl(this.#lang) ? 'rtl' : 'ltr';
    render(this.#m ? this.#renderForm(this.#m) : nothing, this.#form, { host: this });
    this.#fillSelects();
    // SmartPay's form leaves with its step, and stays folded while it loads: out of the Tab order
    // too, so a keyboard never lands in a form nobody can see yet.
    const { phase, loadingForm } = this.#flow.state;
    if (phase !== 'card') this.#frame.replaceChildren();
    this.#frame.ariaBusy = String(!!loadingForm);
    this.#frame.inert = !!loadingForm;
  }

  protected override updated(): void {
    const { phase, slow } = this.#flow.state;
    const m = this.#m;
    if (m) {
      // A new panel takes focus (its one `tabindex`) and says what it shows.
      if (phase !== this.#phase && this.#said) {
        this.#focusLater('[tabindex]');
        this.#announce(this.#said);
      }
      if (slow && !this.#slow) this.#announce(m.slow);
      this.#phase = phase;
      this.#slow = slow;
    }
    const selector = this.#focusAfterUpdate;
    this.#focusAfterUpdate = '';
    if (selector) {
      const target =
        this.renderRoot.querySelector<HTMLElement>(selector) ??
        this.#form.querySelector<HTMLElement>(selector);
      // After this update: the field that loses focus checks itself, which is a state change of its own.
      queueMicrotask(() => target?.focus());
    }
  }

  #settings(): { endpoint: string; flow: IntegrationFlow } {
    const direct = this.integrationFlow === 'direct';
    // The card fields' code, fetched while the shopper fills in the details.
    if (direct && !directFields()) loadDirectFields().then(() => this.requestUpdate());
    return { endpoint: this.endpoint, flow: direct ? 'direct' : 'payment-form' };
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
  #focusLater(selector: string, always?: boolean): void {
    const active = document.activeElement;
    if (always || !active || active === document.body || this.contains(active))
      this.#focusAfterUpdate = selector;
  }

  /** Says `text` through the one live region (a changed text, so a repeat is announced too). */
  #announce(text: string): void {
    const region = this.renderRoot.querySelector('[role=status]');
    if (region) region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  }

  /** The problem with a field's value; a date the browser cannot read has no value for the checks. */
  #problemOf(input: HTMLInputElement): Problem | undefined {
    return input.validity.badInput ? { key: 'errDate' } : fieldProblem(input.dataset.path!, this.#values);
  }

  /** Shows problems on their fields, focuses the first, and says it through the live region. */
  #showProblems(problems: Readonly<Record<string, Problem>>): boolean {
    this.problems = problems;
    const [first, ...rest] = Object.entries(problems);
    if (!first) return false;
    const [path, problem] = first;
    this.#focusLater(`[data-path="${path}"]`, true);
    this.#announce(
      fill(this.#m!.summary, {
        count: rest.length + 1,
        // A field's label is the text of its name.
        field: this.#m![path.split('.')[1] as MessageKey],
        error: problemText(this.#m!, problem),
      }),
    );
    return true;
  }

  /** A fixed field keeps its key, with no problem. */
  #setProblem(path: string, problem: Problem | undefined): void {
    this.problems = { ...this.problems, [path]: problem };
  }

  /** The form field where the shopper can correct a value the server or SmartPay refused, if there is one. */
  #fieldFor(path: string): string | undefined {
    const [section = '', name = ''] = path.split('.');
    // Card details come only from the direct flow, whose code knows their fields.
    if (section === 'cardDetails') return directFields()?.cardFieldOf(name);
    const owner = (
      section === 'shippingAddress' && this.sameAsBilling ? 'billingAddress' : section
    ) as Section;
    const fields = owner === 'consumer' ? CONSUMER_FORM : ADDRESS_FORM;
    return SECTIONS.includes(owner) && !this.#supplied.has(owner) && fields.some(([known]) => known === name)
      ? `${owner}.${name}`
      : undefined;
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
      integrationFlow: this.#settings().flow,
      ...(this.currency ? { currencyCode: this.currency } : {}),
      consumer: section('consumer'),
      billingAddress,
      shippingAddress:
        this.sameAsBilling && !this.#supplied.has('shippingAddress')
          ? billingAddress
          : section('shippingAddress'),
    } as CreateTokenBody;
  }

  /**
   * The theme, resolved, for SmartPay's form. Lengths come from the custom properties (var() is
   * resolved in them); the font and colours from the frame, which carries each colour in some
   * property, so a light-dark() default arrives as the colour the shopper sees.
   */
  #sdkStyle(): Record<string, string> {
    const base = getComputedStyle(this.renderRoot.firstElementChild!);
    return {
      colorPrimary: base.caretColor,
      colorText: base.color,
      colorBackground: base.backgroundColor,
      colorDanger: base.outlineColor,
      fontFamily: base.fontFamily,
      borderRadius: base.getPropertyValue('--_r').trim(),
      spacing: base.getPropertyValue('--_s').trim(),
    };
  }

  /** Fills each select with its options (outside Lit: a list of 250 countries is cheaper built once as DOM). */
  #fillSelects(): void {
    const m = this.#m!;
    for (const select of this.#form.querySelectorAll('select')) {
      const path = select.dataset.path!;
      const [section, name] = path.split('.');
      const country = this.#values[`${section}.countryCode`] ?? '';
      const options =
        name === 'title'
          ? TITLES.map((title) => [title, m[`title${title}`]] as const)
          : name === 'state'
            ? regionsOf(country, () => this.requestUpdate())
            : // Built once the config is in, so that its first, slow build (the browser loads region
              // names) runs after `smartpay-ready` instead of delaying it.
              ((this.#flow.state.config && countryList(this.#lang, () => this.requestUpdate())) ?? []);
      // A country list is one array per locale, built once: its locale and length name it.
      const key = name === 'countryCode' ? `${this.#lang}${options.length}` : String(options);
      if (this.#lists.get(select) !== key) {
        this.#lists.set(select, key);
        select.replaceChildren(
          new Option(),
          ...options.filter(([, label]) => label).map(([code, label]) => new Option(label, code)),
        );
      }
      select.value = this.#values[path] ?? '';
    }
  }

  #handleInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const path = input.dataset.path;
    if (!path) return;
    // One digit for another: the caret stays where it is.
    const at = input.selectionStart!;
    const digits = asciiDigits(input.value);
    if (DIGIT_FIELDS.test(path) && digits !== input.value) {
      input.value = digits;
      input.setSelectionRange(at, at);
    }
    if (path.startsWith('card.'))
      directFields()?.formatCardField(input, !!event.inputType?.startsWith('delete'));
    this.#values[path] = input.value;
    this.#touched.add(path);
    if (this.problems[path]) this.#setProblem(path, this.#problemOf(input));
    // Re-render only what depends on the text: the state field (new problems render), the brand badge.
    if (path.endsWith('countryCode')) {
      // Another country's states are not this one's.
      const state = path.replace('countryCode', 'state');
      this.#values[state] = '';
      this.#setProblem(state, undefined);
    }
    if (path === 'card.cardNumber') this.requestUpdate();
  }

  #handleBlur(event: FocusEvent): void {
    const input = event.target as HTMLInputElement;
    const path = input.dataset.path;
    // Only the step on show is checked: Chrome also reports a field losing focus as a render removes it.
    if (!path || this.#flow.state.step !== (path.startsWith('card.') ? 1 : 0)) return;
    if (!(this.#touched.has(path) || this.problems[path])) return;
    const problem = this.#problemOf(input);
    if (problem && !this.problems[path])
      this.#announce(`${this.#m![path.split('.')[1] as MessageKey]}: ${problemText(this.#m!, problem)}`);
    this.#setProblem(path, problem);
  }

  #handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  #handleSameAsBilling(event: Event): void {
    this.sameAsBilling = (event.target as HTMLInputElement).checked;
    // A separate shipping address most often is in the same country.
    this.#values['shippingAddress.countryCode'] ||= this.#values[BILLING_COUNTRY] ?? '';
  }

  #handleBack(): void {
    this.#flow.dispatch(['back']);
    this.#focusLater('[data-path]', true);
  }

  /** True when the shopper fills in the form: the details, or the direct flow's card fields. */
  #editing(): boolean {
    const { phase, flow } = this.#flow.state;
    return phase === 'details' || (phase === 'card' && flow === 'direct');
  }

  #handleRetry(): void {
    this.#flow.dispatch(['retry']);
    if (this.#editing()) this.#focusLater('[data-path]', true);
  }

  /** The panel of the phase; what it says as it appears goes to `#said`. */
  #renderPanel(m: Messages): TemplateResult | typeof nothing {
    const { phase, flow, slow, loadingForm, failure, saved } = this.#flow.state;
    const panel = (part: string, title: string, text: string, more: unknown = nothing) => {
      this.#said = `${title}. ${text}`;
      return html`<div part=${part} tabindex="-1">
        <p class="title">${title}</p>
        <p>${text}</p>
        ${more}
      </div>`;
    };
    this.#said = '';
    switch (phase) {
      case 'creating':
        return slow ? html`<p part="status" class="row"><span class="spinner"></span>${m.slow}</p>` : nothing;
      case 'card':
        if (flow === 'direct') return nothing;
        this.#said = m.cardIntro;
        return html`<p class="lead" tabindex="-1">${m.cardIntro}</p>
          ${loadingForm ? html`<p part="status" class="row"><span class="spinner"></span>${m.wait}</p>` : nothing}
          <slot name="card-form"></slot>
          <button part="button" class="sp-secondary" type="button" @click=${this.#handleBack}>${m.back}</button>`;
      case 'provisioning':
        this.#said = m.provisioning;
        return html`<p part="status" class="row" tabindex="-1">
          <span class="spinner"></span><span>${m.provisioning}${slow ? html`<br>${m.slow}` : nothing}</span>
        </p>`;
      case 'saved': {
        const card = saved?.card;
        return panel(
          'success',
          m.saved,
          card
            ? fill(m.savedCard, {
                brand: brandName(card.brand),
                last4: card.last4,
                month: card.expiryMonth,
                year: card.expiryYear.slice(-2),
              })
            : '',
        );
      }
      case 'error':
        return panel(
          'error',
          m.errorTitle,
          m[failure!.key],
          failure!.retryable
            ? html`<button part="button" type="button" @click=${this.#handleRetry}>${m.tryAgain}</button>`
            : nothing,
        );
    }
    return nothing;
  }

  /** The light-DOM form: the details, or the direct flow's card fields. Nothing on the other steps. */
  #renderForm(m: Messages): TemplateResult | typeof nothing {
    const { phase, step } = this.#flow.state;
    const busy = phase === 'creating';
    if (!(busy || this.#editing())) return nothing;
    // Step 0 is the details, step 1 the direct flow's card fields.
    return html`<form
      class="sp-form"
      novalidate
      aria-busy=${busy}
      @submit=${this.#handleSubmit}
      @input=${this.#handleInput}
      @focusout=${this.#handleBlur}>
      ${step ? this.#renderFieldset(m, 'card', directFields()?.CARD_FORM ?? [], m.stepCard) : this.#renderDetails(m)}
      <div class="sp-actions">
        <button class="sp-button" aria-disabled=${busy}>${busy ? m.wait : step ? m.saveCard : m.continue}</button>
        ${
          step
            ? html`<button class="sp-button sp-secondary" type="button" @click=${this.#handleBack}>${m.back}</button>`
            : nothing
        }
      </div>
    </form>`;
  }

  #renderDetails(m: Messages): unknown[] {
    // Family name first where that is the custom.
    const [title, first, middle, last, ...rest] = CONSUMER_FORM as [FieldDef, FieldDef, FieldDef, FieldDef];
    const shown = (section: Section) => !this.#supplied.has(section);
    return [
      shown('consumer')
        ? this.#renderFieldset(
            m,
            'consumer',
            /^(ja|zh|ko|hu|vi)\b/.test(this.#lang) ? [title, last, first, middle, ...rest] : CONSUMER_FORM,
            m.stepDetails,
          )
        : nothing,
      shown('billingAddress') ? this.#renderFieldset(m, 'billingAddress', ADDRESS_FORM) : nothing,
      shown('shippingAddress')
        ? html`<label class="sp-check">
              <input type="checkbox" .checked=${this.sameAsBilling} @change=${this.#handleSameAsBilling}>
              ${m.sameAsBilling}
            </label>
            ${this.sameAsBilling ? nothing : this.#renderFieldset(m, 'shippingAddress', ADDRESS_FORM)}`
        : nothing,
    ];
  }

  /** A section's fields under its legend (an address's: its name). */
  #renderFieldset(
    m: Messages,
    section: string,
    fields: readonly FieldDef[],
    legend = m[section as MessageKey],
  ): TemplateResult {
    return html`<fieldset>
      <legend>${legend}</legend>
      ${fields.map((field) =>
        field[0] === 'state' && !needsState(this.#values, section)
          ? nothing
          : this.#renderField(m, section, field),
      )}
    </fieldset>`;
  }

  #renderField(m: Messages, section: string, field: FieldDef): TemplateResult {
    const [name, autocomplete = nothing, type, short] = field;
    const path = `${section}.${name}`;
    const id = `${this.#id}-${section}-${name}`;
    const rule = ruleOf(section, name);
    const required = section === 'card' || rule?.required || name === 'state';
    const problem = this.problems[path];
    const value = this.#values[path] ?? '';
    const invalid = problem ? 'true' : nothing;
    const errorId = `${id}-error`;
    const describedBy = problem ? errorId : nothing;
    // `maxlength` counts UTF-16 units, the limits count characters: room for as many astral characters
    // (two units each); the check says "At most n characters" for longer text.
    // The card's brand, as soon as the number shows it, next to the label (read with it, too).
    const note = required
      ? path === 'card.cardNumber'
        ? (directFields()?.brandNote(value) ?? '')
        : ''
      : `(${m.optional})`;
    return html`<div class=${short ? 'sp-field sp-short' : 'sp-field'}>
      <label for=${id}>${m[name as MessageKey]} ${note && html`<span class="sp-note">${note}</span>`}</label>
      ${
        type === 'select'
          ? html`<select
            class="sp-input"
            id=${id}
            data-path=${path}
            autocomplete=${autocomplete}
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}></select>`
          : html`<input
            class="sp-input"
            id=${id}
            data-path=${path}
            autocomplete=${autocomplete}
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            dir=${type && type !== 'date' ? 'ltr' : nothing}
            type=${type === 'numeric' || !type ? 'text' : type}
            inputmode=${type === 'numeric' ? 'numeric' : nothing}
            maxlength=${rule?.max ? rule.max * 2 : nothing}
            min=${type === 'date' ? EARLIEST_BIRTHDATE : nothing}
            .value=${value}>`
      }
      <p class="sp-error" id=${errorId} ?hidden=${!problem}>${problem && problemText(m, problem)}</p>
    </div>`;
  }

  protected override render(): TemplateResult {
    const m = this.#m;
    const { phase, step } = this.#flow.state;
    const done = phase === 'saved' ? 4 : step;
    return html`<div part="base" dir=${isRtl(this.#lang) ? 'rtl' : 'ltr'}>
      ${
        m
          ? html`<ol part="stepper" aria-label=${m.progress}>
                ${STEPS.map(
                  (key, i) =>
                    html`<li
                      part=${`step ${i < done ? 'step-done' : i === step ? (phase === 'error' ? 'step-failed' : 'step-current') : ''}`}
                      aria-current=${i === step ? 'step' : nothing}>
                      ${m[key]}${i < done ? html`<span class="sr">, ${m.stepDone}</span>` : nothing}
                    </li>`,
                )}
              </ol>
              ${this.#renderPanel(m)}
              <slot name="form"></slot>`
          : nothing
      }
      <div class="sr" role="status" aria-live="polite"></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'smartpay-network-token': SmartpayNetworkToken;
  }
}
