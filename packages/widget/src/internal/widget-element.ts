/**
 * @module
 * What the widget's element takes from LitElement, on lit-html alone: declared reactive properties
 * (string ones set from an attribute too), one batched update per microtask once the element is in
 * the page, `willUpdate` / `update` / `updated` with the changed properties, reactive controllers,
 * `updateComplete`, and an open shadow root with the element's stylesheet.
 *
 * Why not LitElement: its ReactiveElement and `css` bring what the widget never uses (attribute
 * converters and reflection, decorator metadata, style polyfills), 2.4 KB of a 15 KB budget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { render, type TemplateResult } from 'lit/html.js';

/** A reactive property: `attribute` names the attribute a string property is set from (`false`: none). */
export interface PropertyOptions {
  readonly attribute?: string | boolean;
  /** Internal state: no attribute. */
  readonly state?: boolean;
}

/** The properties changed since the last update, with their values before it. */
export type Changes = ReadonlyMap<PropertyKey, unknown>;

/** A stylesheet from CSS text, built on first use: a server can import the module without a DOM. */
export function css(strings: TemplateStringsArray): () => CSSStyleSheet {
  let sheet: CSSStyleSheet | undefined;
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(strings[0]!);
    }
    return sheet;
  };
}

// A server (SSR, a test runner) has no HTMLElement: the class is still defined, never constructed.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

export abstract class WidgetElement extends Base implements ReactiveControllerHost {
  static properties: Readonly<Record<string, PropertyOptions>> = {};
  /** The shadow root's stylesheets (from `css`). */
  static styles: readonly (() => CSSStyleSheet)[] = [];

  /**
   * Read once by `customElements.define`: the moment to turn each declared property into an
   * accessor that schedules an update, and to name the attributes to watch.
   */
  static get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: the class being defined (a subclass), not this one
    // biome-ignore lint/complexity/noUselessThisAlias: the alias holds the one suppression above for its three uses
    const element = this;
    const attributes: Record<string, string> = {};
    for (const [name, { attribute = true, state }] of Object.entries(element.properties)) {
      Object.defineProperty(element.prototype, name, {
        get(this: WidgetElement) {
          return this.#values[name];
        },
        set(this: WidgetElement, value: unknown) {
          const old = this.#values[name];
          this.#values[name] = value;
          if (value !== old) this.requestUpdate(name, old);
        },
        configurable: true,
      });
      if (attribute && !state) attributes[attribute === true ? name.toLowerCase() : attribute] = name;
    }
    element.attributeProperties = attributes;
    return Object.keys(attributes);
  }

  /**
   * Attribute name to property name (set when the tag is defined). Public only because a subclass's
   * static getter sets it on itself (a `static #` field would be this class's alone).
   * @internal
   */
  static attributeProperties?: Readonly<Record<string, string>>;

  /** The shadow root, from the first connection on. */
  renderRoot!: ShadowRoot;
  hasUpdated = false;

  readonly #values: Record<string, unknown> = {};
  readonly #controllers = new Set<ReactiveController>();
  #changes = new Map<PropertyKey, unknown>();
  #pending = false;
  /** Values a page set on the element before it was upgraded: own properties that hide the accessors. */
  readonly #early: Record<string, unknown> = {};
  #enable!: () => void;
  /**
   * Resolves once the element is first in the page: no update before that. The page's early values
   * then go through the accessors, over the subclass's own field initializers (which run after this
   * class's constructor).
   */
  #update: Promise<unknown> = new Promise((resolve) => (this.#enable = resolve as () => void)).then(() =>
    Object.assign(this, this.#early),
  );

  constructor() {
    super();
    for (const name of Object.keys((this.constructor as typeof WidgetElement).properties)) {
      if (!Object.hasOwn(this, name)) continue;
      this.#early[name] = this[name as keyof this];
      delete this[name as keyof this];
    }
    this.requestUpdate();
  }

  /** Resolves once the update scheduled now (if any) is done. */
  get updateComplete(): Promise<boolean> {
    return this.#update.then(() => !this.#pending);
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Schedules an update (one per microtask, however many changes); `name` joins the changed properties. */
  requestUpdate(name?: PropertyKey, old?: unknown): void {
    if (name !== undefined && !this.#changes.has(name)) this.#changes.set(name, old);
    if (this.#pending) return;
    this.#pending = true;
    // After the update before it, even a failed one (whose error is reported, not lost).
    this.#update = this.#update.catch(reportError).then(() => this.#performUpdate());
  }

  connectedCallback(): void {
    this.renderRoot ??= Object.assign(this.attachShadow({ mode: 'open' }), {
      adoptedStyleSheets: (this.constructor as typeof WidgetElement).styles.map((sheet) => sheet()),
    });
    this.#enable();
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const name = (this.constructor as typeof WidgetElement).attributeProperties![attribute];
    if (name) (this as unknown as Record<string, unknown>)[name] = value ?? undefined;
  }

  /** Before rendering: derive state from the changed properties (changes made here join this update). */
  protected willUpdate(_changes: Changes): void {}

  /** Renders `render()` into the shadow root. */
  protected update(_changes: Changes): void {
    render(this.render(), this.renderRoot, { host: this });
  }

  /** After rendering: focus, announcements (changes made here schedule another update). */
  protected updated(_changes: Changes): void {}

  protected abstract render(): TemplateResult;

  #performUpdate(): void {
    const changes = this.#changes;
    this.willUpdate(changes);
    for (const controller of this.#controllers) controller.hostUpdate?.();
    // Changes from here on schedule the next update.
    this.#pending = false;
    this.#changes = new Map();
    this.update(changes);
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.hasUpdated = true;
    this.updated(changes);
  }
}
