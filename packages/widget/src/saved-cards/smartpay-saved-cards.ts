import { html, nothing, type TemplateResult } from 'lit/html.js';
import { brandName } from '../internal/brand-name.js';
import { canonicalLocale, fill, isRtl, languageOf } from '../internal/i18n.js';
import { pageLocale } from '../internal/page-locale.js';
import { type Changes, WidgetElement } from '../internal/widget-element.js';
import sharedStyles from '../smartpay-network-token.styles.js';
import { VERSION } from '../version.js';
import { savedCardsApi } from './api.js';
import { SmartpayCardRemovedEvent } from './card-removed-event.js';
import { isExpired, printedExpiry } from './expiry.js';
import { type SavedCardsMessages, savedCardsTexts } from './i18n.js';
import styles from './smartpay-saved-cards.styles.js';
import type { SavedCard } from './types.js';

type Phase = 'loading' | 'ready' | 'error';

/**
 * Lists the shopper's saved cards (brand, last four digits, expiry; expired ones marked) and
 * removes one after an inline confirmation. It asks the merchant server for the cards of the
 * current session (`GET /api/saved-cards`) and removes with `DELETE /api/saved-cards/{tokenId}`.
 *
 * Keyboard: Tab to a card's "Remove"; Enter opens the confirmation with focus on "Cancel"; Escape
 * or "Cancel" closes it and returns focus to "Remove"; after a removal focus goes to the next card
 * (or the previous, or the "no saved cards" text). Outcomes are announced through a live region.
 *
 * @tagname smartpay-saved-cards
 * @summary The shopper's saved cards, with a way to remove one.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.example/smartpay-saved-cards.js"></script>
 * <smartpay-saved-cards endpoint="https://shop.example" locale="de-DE"></smartpay-saved-cards>
 * ```
 *
 * @event smartpay-card-removed - A card was removed. `detail`: `{tokenId, card}`.
 *
 * @csspart base - The frame around everything.
 * @csspart status - The "loading" text.
 * @csspart empty - The "no saved cards" text.
 * @csspart error - The panel shown when the cards could not be loaded.
 * @csspart button - The "Try again" button.
 * @csspart list - The list of cards.
 * @csspart card - One card; an expired one is also `card-expired`.
 * @csspart remove-button - A card's "Remove" button.
 * @csspart confirm - The inline confirmation; its buttons are `confirm-button` and `cancel-button`.
 * @csspart card-error - The text under a card that could not be removed.
 *
 * @cssproperty --smartpay-color-primary - Buttons and focus rings.
 * @cssproperty --smartpay-color-text - Text.
 * @cssproperty --smartpay-color-muted - Secondary text (the expiry).
 * @cssproperty --smartpay-color-background - Background.
 * @cssproperty --smartpay-color-danger - Expired cards, errors and the confirming "Remove card" button.
 * @cssproperty --smartpay-color-focus - Focus rings (default: the primary colour).
 * @cssproperty --smartpay-radius - Corner radius.
 * @cssproperty --smartpay-spacing - The base spacing unit.
 * @cssproperty --smartpay-font-family - Font.
 * @cssproperty --smartpay-font-size - Base font size.
 */
export class SmartpaySavedCards extends WidgetElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    endpoint: {},
    locale: {},
    messages: { attribute: false },
    phase: { state: true },
    cards: { state: true },
    confirming: { state: true },
    removing: { state: true },
    failed: { state: true },
  };

  /** The package version, to tell two copies on one page apart. */
  static readonly version: string = VERSION;

  /** Base URL of the merchant API (`{endpoint}/api/saved-cards`); empty for the page's own origin. */
  endpoint = '';

  /** BCP 47 locale of the texts. Unset: the closest `lang` attribute, then the browser's language. */
  locale?: string;

  /** Replacements for any text of the element, by message key, whatever the locale. */
  messages?: Partial<SavedCardsMessages>;

  /**
   * Loads the list again (after a card was saved, say). The cards shown stay until the new list is
   * there; resolves once it is shown, or the error state is.
   */
  async refresh(): Promise<void> {
    this.#load?.abort();
    const load = new AbortController();
    this.#load = load;
    if (this.phase !== 'ready') this.phase = 'loading';
    this.#busy = true;
    this.requestUpdate();
    try {
      const cards = await savedCardsApi.list(this.endpoint, load.signal);
      if (load.signal.aborted) return;
      this.cards = cards;
      this.phase = 'ready';
      if (!cards.some((saved) => saved.tokenId === this.confirming)) this.confirming = '';
      this.#focusLater(cards.length ? '[data-index="0"] [part~=remove-button]' : '[part~=empty]');
    } catch {
      if (load.signal.aborted) return;
      this.phase = 'error';
      this.#focusLater('[part~=error]');
      this.#announce(this.#m().loadFailed);
    } finally {
      if (this.#load === load) this.#busy = false;
      this.requestUpdate();
    }
  }

  private phase: Phase = 'loading';
  private cards: readonly SavedCard[] = [];
  /** The card whose confirmation is open, the one being removed, the one that could not be. */
  private confirming = '';
  private removing = '';
  private failed = '';

  #load?: AbortController;
  /** Stops a removal under way when the element leaves the page (a refresh does not). */
  #removal?: AbortController;
  #busy = false;
  #language = 'en';
  #focusAfterUpdate = '';

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after a move: the load that was under way was stopped.
    if (this.hasUpdated) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load?.abort();
    this.#removal?.abort();
  }

  protected override willUpdate(changed: Changes): void {
    this.#language = languageOf(canonicalLocale(this.locale) ?? pageLocale(this));
    if (!savedCardsTexts.texts(this.#language))
      void savedCardsTexts.load(this.#language).then(() => this.requestUpdate());
    if (!this.hasUpdated || changed.has('endpoint')) void this.refresh();
  }

  protected override updated(): void {
    const selector = this.#focusAfterUpdate;
    this.#focusAfterUpdate = '';
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The texts in use: the language's once its chunk is there, English meanwhile (for announcements). */
  #m(): SavedCardsMessages {
    return this.#texts() ?? savedCardsTexts.texts('en', this.messages)!;
  }

  #texts(): SavedCardsMessages | undefined {
    return savedCardsTexts.texts(this.#language, this.messages);
  }

  #indexOf(tokenId: string): number {
    return this.cards.findIndex((saved) => saved.tokenId === tokenId);
  }

  /**
   * Moves focus after the next render: for the shopper's own actions (`always`), else only when
   * focus is in the element already (never away from the page, never into the element on page load).
   */
  #focusLater(selector: string, always = false): void {
    if (always || this.shadowRoot?.activeElement) this.#focusAfterUpdate = selector;
  }

  /** Says `text` through the live region (a changed text, so a repeat is announced too). */
  #announce(text: string): void {
    const region = this.renderRoot.querySelector('[role=status]');
    if (region) region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  }

  #cardText(m: SavedCardsMessages, card: SavedCard['card']): string {
    return fill(m.card, { brand: brandName(card.brand), last4: card.last4 });
  }

  #ask(tokenId: string): void {
    this.confirming = tokenId;
    this.failed = '';
    this.#focusLater('[part~=cancel-button]', true);
  }

  #cancel(): void {
    const index = this.#indexOf(this.confirming);
    this.confirming = '';
    this.#focusLater(`[data-index="${index}"] [part~=remove-button]`, true);
  }

  async #remove(saved: SavedCard): Promise<void> {
    if (this.removing) return;
    const m = this.#m();
    const text = this.#cardText(m, saved.card);
    this.removing = saved.tokenId;
    this.#removal = new AbortController();
    const { signal } = this.#removal;
    try {
      await savedCardsApi.remove(this.endpoint, saved.tokenId, signal);
      this.#drop(saved, fill(m.removed, { card: text }));
      this.dispatchEvent(new SmartpayCardRemovedEvent({ tokenId: saved.tokenId, card: saved.card }));
    } catch (error) {
      if (signal.aborted) return;
      // Not this session's (any more): removed elsewhere, or never its own. Either way, not shown.
      if ((error as { status?: number }).status === 404) this.#drop(saved, fill(m.notFound, { card: text }));
      else {
        this.failed = saved.tokenId;
        this.confirming = '';
        const index = this.#indexOf(saved.tokenId);
        this.#focusLater(`[data-index="${index}"] [part~=remove-button]`, true);
        this.#announce(fill(m.removeFailed, { card: text }));
      }
    } finally {
      this.removing = '';
    }
  }

  /** Takes a card off the list, says so, and moves focus to the next card (or the previous, or the empty text). */
  #drop(saved: SavedCard, message: string): void {
    const index = this.#indexOf(saved.tokenId);
    this.cards = this.cards.filter((other) => other.tokenId !== saved.tokenId);
    this.confirming = '';
    const next = Math.min(index, this.cards.length - 1);
    this.#focusLater(next < 0 ? '[part~=empty]' : `[data-index="${next}"] [part~=remove-button]`, true);
    this.#announce(message);
  }

  #handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || this.removing) return;
    // The confirmation is what Escape closes, not a dialog the page put the element in.
    event.stopPropagation();
    this.#cancel();
  }

  #renderCard(m: SavedCardsMessages, saved: SavedCard, index: number): TemplateResult {
    const { tokenId, card } = saved;
    const text = this.#cardText(m, card);
    const expired = isExpired(card);
    const removing = this.removing === tokenId;
    const confirmId = `confirm-${index}`;
    return html`<li part=${expired ? 'card card-expired' : 'card'} data-index=${index}>
      <span class="card"
        ><span>${text}</span> <span class="expiry">${fill(expired ? m.expired : m.expires, printedExpiry(card))}</span></span
      >
      ${
        this.confirming === tokenId
          ? html`<div
              part="confirm"
              role="group"
              aria-labelledby=${confirmId}
              @keydown=${this.#handleKeydown}
            >
              <p id=${confirmId}>${fill(m.confirm, { card: text })}</p>
              <button
                part="confirm-button"
                type="button"
                aria-disabled=${removing}
                @click=${() => this.#remove(saved)}
              >
                ${removing ? m.removing : m.confirmRemove}
              </button>
              <button part="cancel-button" class="sp-secondary" type="button" @click=${() => !removing && this.#cancel()}>
                ${m.cancel}
              </button>
            </div>`
          : html`<button part="remove-button" class="sp-secondary" type="button" @click=${() => this.#ask(tokenId)}>
              ${m.remove}<span class="sr"> ${text}</span>
            </button>`
      }
      ${this.failed === tokenId ? html`<p part="card-error">${fill(m.removeFailed, { card: text })}</p>` : nothing}
    </li>`;
  }

  #renderBody(m: SavedCardsMessages): TemplateResult {
    switch (this.phase) {
      case 'loading':
        return html`<p part="status" class="row" tabindex="-1"><span class="spinner"></span>${m.loading}</p>`;
      case 'error':
        return html`<div part="error" tabindex="-1">
          <p>${m.loadFailed}</p>
          <button part="button" type="button" @click=${this.#retry}>${m.tryAgain}</button>
        </div>`;
      default:
        return this.cards.length
          ? html`<ul part="list" aria-label=${m.list} aria-busy=${this.#busy}>
              ${this.cards.map((saved, index) => this.#renderCard(m, saved, index))}
            </ul>`
          : html`<p part="empty" tabindex="-1">${m.empty}</p>`;
    }
  }

  #retry(): void {
    // Focus waits on the loading text, then goes to what is shown instead (focusLater follows it).
    void this.refresh();
    this.#focusLater('[part~=status]', true);
  }

  protected override render(): TemplateResult {
    // Nothing until the language's texts are there (a few hundred bytes), rather than English first.
    const m = this.#texts();
    return html`<div part="base" dir=${isRtl(this.#language) ? 'rtl' : 'ltr'} aria-busy=${this.phase === 'loading'}>
      ${m ? this.#renderBody(m) : nothing}
      <div class="sr" role="status" aria-live="polite"></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'smartpay-saved-cards': SmartpaySavedCards;
  }
}
