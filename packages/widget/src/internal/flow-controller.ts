/**
 * @module
 * Runs the flow (flow.ts) for an element: dispatches events through the reducer, keeps the state,
 * and runs the effects: `/api/config`, the create, the status follower, SmartPay's form, the clock
 * and the DOM events. Each attempt gets one AbortController; whatever the attempt's work learns
 * comes back through `#feed`, which drops it once the attempt has ended. That is the only guard
 * against stale answers.
 */
import type { CreateTokenBody } from '@smartpay/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SmartpayErrorEvent } from '../events/error.js';
import { SmartpayReadyEvent } from '../events/ready.js';
import type { CardTokenizer } from '../types.js';
import { ApiError, api } from './api.js';
import { createToken } from './create-token.js';
import type { CardEntry } from './direct-fields.js';
import {
  type Effect,
  type FlowEvent,
  type FlowState,
  INITIAL_FLOW,
  type RequestFailure,
  reduce,
  type Settings,
} from './flow.js';
import type { MessageKey, Problem } from './i18n.js';
import { loadSdk } from './sdk-loader.js';
import { followStatus } from './status-follower.js';
import { timing } from './timing.js';

/** What the flow needs from its element's view (kept off the element's public surface). */
export interface FlowView {
  /** The endpoint and flow now set on the element. */
  settings(): Settings;
  /** The create body: the form's sections and the merchant's (no card). */
  createBody(): CreateTokenBody;
  /** The card fields as typed (direct flow). */
  cardEntry(): CardEntry;
  /** The merchant's own PCI vault, if it has one (direct flow). */
  tokenizer(): CardTokenizer | undefined;
  /** The form field where the shopper can correct a value the server refused (`cardDetails.expiryYear`: `card.expiry`). */
  fieldFor(path: string): string | undefined;
  /** Shows problems on their fields, focuses the first and announces them. */
  showProblems(problems: Readonly<Record<string, Problem>>): void;
  /** A fresh light-DOM container for SmartPay's form, rendered in its slot; resolves with its id. */
  cardFormContainer(): Promise<string>;
  /** Resolves once the form in that container has its height (the container stays folded until then). */
  formShown(containerId: string): Promise<void>;
  /** SmartPay's form options besides the container and the token. */
  formOptions(): { locale: string; style: Record<string, string> };
  /** A text in the shopper's language. */
  text(key: MessageKey): string;
  /** Resolves once the form is rendered in the shopper's language. */
  rendered(): Promise<unknown>;
}

/**
 * An exception as the flow sees a failed request (an ApiError is one as it is). The fields a server
 * refused go to the console too, for the developer.
 */
function failureOf(error: unknown): RequestFailure {
  if (!(error instanceof ApiError)) return { code: 'internal_error', status: 0 };
  if (error.fields) console.warn('<smartpay-network-token> refused:', error.fields);
  return error;
}

export class FlowController implements ReactiveController {
  state: FlowState = INITIAL_FLOW;
  /** The current attempt: its create, its status stream and SmartPay's form. */
  #attempt = new AbortController();
  /** The current render of SmartPay's form: a new locale renders it again. */
  #form = new AbortController();
  #config = new AbortController();
  #clock?: ReturnType<typeof setTimeout>;
  /** Callers of `settled()`, waiting for a create to end one way or the other. */
  #waiting: (() => void)[] = [];

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #view: FlowView;

  constructor(host: ReactiveControllerHost & HTMLElement, view: FlowView) {
    this.#host = host;
    this.#view = view;
    host.addController(this);
  }

  hostConnected(): void {
    this.dispatch(['connect', this.#view.settings()]);
  }

  hostDisconnected(): void {
    // A config request still on its way is dropped: the flow asks again when the element is back.
    this.#config.abort();
    this.dispatch(['disconnect']);
  }

  dispatch(event: FlowEvent): void {
    const [state, effects] = reduce(this.state, event);
    this.state = state;
    this.#host.requestUpdate();
    if (state.phase !== 'creating') for (const resolve of this.#waiting.splice(0)) resolve();
    for (const effect of effects) this.#run(effect);
  }

  /** Resolves once no create is under way. */
  settled(): Promise<void> {
    return this.state.phase === 'creating'
      ? new Promise((resolve) => this.#waiting.push(resolve))
      : Promise.resolve();
  }

  /** Feeds what the attempt's work learned back into the flow, unless the attempt has ended meanwhile. */
  #feed(signal: AbortSignal, event: FlowEvent | Promise<FlowEvent>): void {
    Promise.resolve(event).then((next) => signal.aborted || this.dispatch(next));
  }

  #run([type, arg, detail]: Effect): void {
    const host = this.#host;
    const view = this.#view;
    const { state } = this;
    const { signal } = this.#attempt;
    switch (type) {
      case 'abort':
        // The work under way stops (SmartPay's form with it: it listens to the attempt's signal too);
        // whatever comes next (a token followed again) gets a fresh signal.
        this.#attempt.abort();
        this.#attempt = new AbortController();
        clearTimeout(this.#clock);
        return;
      case 'config': {
        this.#config.abort();
        this.#config = new AbortController();
        const { signal } = this.#config;
        this.#feed(
          signal,
          api.config(state.endpoint, signal).then(
            (config): FlowEvent => ['config', config],
            (error): FlowEvent => ['configFailed', failureOf(error)],
          ),
        );
        return;
      }
      case 'create': {
        this.#attempt.abort();
        this.#attempt = new AbortController();
        const { signal } = this.#attempt;
        const card = state.flow === 'direct' ? view.cardEntry() : undefined;
        this.#feed(
          signal,
          createToken(state.endpoint, view.createBody(), card, signal, view.tokenizer()).then(
            (token): FlowEvent => ['created', token],
            (error) => this.#refusedOrFailed(failureOf(error)),
          ),
        );
        return;
      }
      case 'follow': {
        // The attempt's token and the endpoint are the access to it (its status goes along, unread).
        followStatus({
          ...state.token!,
          endpoint: state.endpoint,
          signal,
          onToken: (token) => this.#feed(signal, ['status', token]),
        }).catch(() => this.#feed(signal, ['followFailed']));
        return;
      }
      case 'form': {
        this.#form.abort();
        this.#form = new AbortController();
        const both = AbortSignal.any([signal, this.#form.signal]);
        const { tokenId } = state.token!;
        const nonce = host.nonce || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
        loadSdk(state.config!.sdkUrl, nonce)
          .then(async (sdk) => {
            // A form aborted meanwhile (the attempt ended, a new locale renders it again) stays unrendered.
            if (both.aborted) return;
            const containerId = await view.cardFormContainer();
            if (both.aborted) return;
            const result = sdk.renderWidget({ containerId, tokenId, ...view.formOptions() });
            this.#feed(
              both,
              view.formShown(containerId).then((): FlowEvent => ['formShown']),
            );
            // It resolves once the card is in: accepted for provisioning.
            const status = (await result)?.status || 'PROVISIONING';
            if (!both.aborted) void api.cardSubmitted({ ...state.token!, endpoint: state.endpoint });
            this.#feed(both, ['status', { tokenId, status, updatedAt: new Date().toISOString() }]);
          })
          .catch((error: { code?: string }) =>
            this.#feed(both, [
              'formFailed',
              error instanceof ApiError ? 'sdk_unavailable' : String(error?.code),
            ]),
          );
        return;
      }
      case 'wait':
        clearTimeout(this.#clock);
        this.#clock = setTimeout(() => this.dispatch(['slow']), timing.slowAfter);
        return;
      case 'ready':
        view
          .rendered()
          .then(() => host.dispatchEvent(new SmartpayReadyEvent({ integrationFlow: state.flow })));
        return;
      case 'emit':
        host.dispatchEvent(new (arg as new (detail: unknown) => Event)(detail));
        return;
      case 'error': {
        const { key, retry: _, ...detail } = arg;
        host.dispatchEvent(new SmartpayErrorEvent({ ...detail, message: view.text(key) }));
        return;
      }
      case 'problems':
        view.showProblems(arg);
    }
  }

  /**
   * A client error naming values the shopper can correct goes on their fields, as a failed check
   * would (never retried, never a dead end); anything else fails the attempt.
   */
  #refusedOrFailed(failure: RequestFailure): FlowEvent {
    const problems: Record<string, Problem> = {};
    if (failure.status > 399 && failure.status < 500) {
      const paths = failure.fields?.map(({ path }) => this.#view.fieldFor(path)) ?? [];
      // SmartPay refusing the card without naming a field: the number is what the shopper checks,
      // in the direct flow (the payment-form flow has no card fields, nor their English texts).
      if (/^card_re/.test(failure.code) && !paths.some(Boolean) && this.state.flow === 'direct')
        paths.push('card.cardNumber');
      for (const path of paths)
        if (path) problems[path] = { key: path === 'card.cardNumber' ? 'errCardNumber' : 'errInvalid' };
    }
    const paths = Object.keys(problems);
    if (!paths.length) return ['createFailed', failure];
    return ['refused', problems, paths.every((path) => path.startsWith('card.')) ? 1 : 0];
  }
}
