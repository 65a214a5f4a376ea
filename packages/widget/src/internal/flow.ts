/**
 * @module
 * The widget's flow as a pure function: `reduce(state, event)` returns the next state and the
 * effects to run. No I/O, no timers, no DOM: flow-controller.ts runs the effects (requests, the
 * status follower, SmartPay's form, DOM events) and feeds what they learn back in as events.
 *
 *   details ─submit─▶ creating ─created─▶ card ─(card in)─▶ provisioning ─ACTIVE─▶ saved
 *      ▲  (direct: details ─submit─▶ card ─submit─▶ creating)            └─ERROR─▶ error
 *      └──── back, retry, a new endpoint or flow before the card is in ◀── any failure: error
 */
import type { MerchantConfig } from '@smartpay/contract';
import { isFinalStatus } from '@smartpay/contract/core';
import type { SmartpayErrorDetail } from '../events/error.js';
import { type SmartpayStatusChangeDetail, SmartpayStatusChangeEvent } from '../events/status-change.js';
import { SmartpayTokenActiveEvent } from '../events/token-active.js';
import { type SmartpayTokenCreatedDetail, SmartpayTokenCreatedEvent } from '../events/token-created.js';
import type { ActivePublicToken, IntegrationFlow, PublicToken } from '../types.js';
import { transientStatus } from './api.js';
import type { MessageKey, Problem } from './i18n.js';

/** What the widget is doing. */
export type Phase = 'details' | 'creating' | 'card' | 'provisioning' | 'saved' | 'error';

/** The stepper's steps, by index: Your details, Card, Confirming, Saved. */
export type Step = 0 | 1 | 2 | 3;

/** What "Try again" does: load the config again, create a fresh token, or go back to a step. */
export type Retry = 'config' | 'create' | 'details' | 'card';

/** The error shown: the event's detail without its sentence, the sentence's key, and what "Try again" does. */
export interface Failure extends Omit<SmartpayErrorDetail, 'message'> {
  readonly key: MessageKey;
  readonly retry: Retry;
}

/** The attempt's token, as the merchant server created it. */
export interface Token {
  readonly tokenId: string;
  readonly clientSecret: string;
  readonly status: string;
}

export interface FlowState {
  readonly phase: Phase;
  /** The step the stepper marks; an error keeps the step it happened on. */
  readonly step: Step;
  readonly flow: IntegrationFlow;
  readonly endpoint: string;
  /** The merchant's public settings (`GET /api/config`), once loaded. */
  readonly config?: MerchantConfig;
  readonly token?: Token;
  /** The token once ACTIVE, with its card. */
  readonly saved?: ActivePublicToken;
  readonly failure?: Failure;
  /** SmartPay's card form is loading. */
  readonly loadingForm?: boolean;
  /** Creating or confirming takes longer than usual: the widget says it is still working. */
  readonly slow?: boolean;
}

/** A failed request as data: the merchant server's code, the HTTP status (0: no answer), what else it said. */
export interface RequestFailure {
  readonly code: string;
  readonly status: number;
  readonly requestId?: string;
  readonly fields?: SmartpayErrorDetail['fields'];
}

/** The element's `endpoint` and `integration-flow`. */
export interface Settings {
  readonly endpoint: string;
  readonly flow: IntegrationFlow;
}

/** Events are tuples too, `[type, value…]`, named after what happened. */
export type FlowEvent =
  /** The element is in the page (again), with its current settings. */
  | readonly [type: 'connect', settings: Settings]
  | readonly [type: 'disconnect']
  /** The `endpoint` or `integration-flow` may have changed. */
  | readonly [type: 'settings', settings: Settings]
  /** The language changed: SmartPay's form is rendered again in the new one. */
  | readonly [type: 'locale']
  /** The shopper goes on from a step whose fields passed every check. */
  | readonly [type: 'submit']
  | readonly [type: 'back']
  | readonly [type: 'retry']
  | readonly [type: 'reset']
  /** `/api/config` answered (events are named after the effect they answer: fewer distinct strings). */
  | readonly [type: 'config', config: MerchantConfig]
  | readonly [type: 'configFailed', failure: RequestFailure]
  | readonly [type: 'created', token: Token & { readonly createdAt: string }]
  | readonly [type: 'createFailed', failure: RequestFailure]
  /** The server or SmartPay refused values the shopper can correct, on a step of the form. */
  | readonly [type: 'refused', problems: Readonly<Record<string, Problem>>, step: 0 | 1]
  /** Creating or confirming has taken long. */
  | readonly [type: 'slow']
  /** A status read: the stream, a poll, or SmartPay's form accepting the card. */
  | readonly [type: 'status', token: PublicToken]
  /** SmartPay's form is shown (its height holds). */
  | readonly [type: 'formShown']
  /** SmartPay's form (or its script: `sdk_unavailable`) failed, with SmartPay's error code. */
  | readonly [type: 'formFailed', code: string]
  /** The token's status cannot be read (its secret was refused, it is gone). */
  | readonly [type: 'followFailed'];

/** A DOM event to raise on the element: its class and its detail. */
type Emit<T> = readonly ['emit', new (detail: T) => Event, T];

/** Effects are tuples, `[type, argument…]`: short to build, short to read. */
export type Effect =
  /** Load `/api/config` from the state's endpoint (a newer load replaces an older one). */
  | readonly ['config']
  /** Start an attempt: create a token from the form (direct: with the card), with a fresh idempotency key. */
  | readonly ['create']
  /** Follow the attempt's token until its status is final. */
  | readonly ['follow']
  /** Load SmartPay's script and render its form for the attempt's token (again, after a new locale). */
  | readonly ['form']
  /** Start the clock that raises `slow`. */
  | readonly ['wait']
  /** End the attempt: its requests, its stream, its form and its clock. */
  | readonly ['abort']
  /** Raise `smartpay-ready` once the texts are rendered. */
  | readonly ['ready']
  | Emit<SmartpayTokenCreatedDetail>
  | Emit<SmartpayStatusChangeDetail>
  | Emit<ActivePublicToken>
  /** Raise `smartpay-error` with the failure's sentence. */
  | readonly ['error', Failure]
  /** Show problems on their fields, as a failed check would. */
  | readonly ['problems', Readonly<Record<string, Problem>>];

type Next = [FlowState, Effect[]];

const ABORT: Effect = ['abort'];
const WAIT: Effect = ['wait'];

/** SmartPay's card-form errors (docs/interfaces.md), as the widget reports them. */
const FORM_ERRORS: Readonly<Record<string, readonly [code: string, key: MessageKey]>> = {
  sdk_unavailable: ['sdk_unavailable', 'errSdk'],
  ERROR_CHECKOUT_TIMEOUT: ['payment_form_expired', 'errExpiredForm'],
  ERROR_AUTHENTICATION_FAILED: ['card_authentication_failed', 'errAuth'],
  ERROR_INVALID_INPUT: ['payment_form_failed', 'errUnavailable'],
};

/** Statuses in the order a token goes through them: a late, older status never undoes a newer one. */
const rank = (status = ''): number => (status === 'PENDING_PAYMENT_FORM' ? 0 : isFinalStatus(status) ? 2 : 1);

/** Where every element starts (states are never changed, only replaced: one object serves all). */
export const INITIAL_FLOW: FlowState = {
  phase: 'details',
  step: 0,
  flow: 'payment-form',
  endpoint: '',
};

/** Shows an error and raises `smartpay-error`, ending the attempt; the stepper keeps its step. */
function fail(s: FlowState, failure: Failure, effects: Effect[] = []): Next {
  return [
    { ...s, phase: 'error', failure, loadingForm: false, slow: false },
    [...effects, ABORT, ['error', failure]],
  ];
}

/** Ends the attempt and goes back to the details (what the shopper typed stays: it is the element's). */
const abandon = (s: FlowState): Next => [
  { ...s, phase: 'details', step: 0, token: undefined, failure: undefined, loadingForm: false, slow: false },
  [ABORT],
];

/** A new attempt: a token is created once the config is there. */
const create = (s: FlowState): Next => [
  { ...s, phase: 'creating', token: undefined, failure: undefined, slow: false },
  s.config ? [['create'], WAIT] : [WAIT],
];

/**
 * A failed request as the shopper and the page see it. A client error other than a timeout, a
 * conflict or a rate limit means the merchant's setup or data is at fault: no "Try again" then.
 */
export function requestFailure(f: RequestFailure, retry: Retry, tokenId?: string): Failure {
  const setup =
    (f.status > 399 && !transientStatus(f.status)) ||
    f.code === 'provider_misconfigured' ||
    f.code === 'origin_not_allowed';
  const key: MessageKey = f.code === 'network_error' ? 'errNetwork' : setup ? 'errUnavailable' : 'errServer';
  const code = retry === 'config' && key === 'errServer' ? 'config_unavailable' : f.code;
  return { code, key, retry, retryable: !setup, tokenId, requestId: f.requestId, fields: f.fields };
}

/**
 * The flow with this config: ready for the current flow (then the effects that go with it), or
 * refused when the merchant does not offer it (the failure ends the attempt: they are moot then).
 */
const checkFlow = (s: FlowState, effects: Effect[] = []): Next =>
  s.config!.integrationFlows.includes(s.flow)
    ? [s, [['ready'], ...effects]]
    : fail(s, { code: 'flow_not_allowed', key: 'errUnavailable', retry: 'details', retryable: false });

/** Takes a status read into account: the status-change event, then the step the status means. */
function advance(s: FlowState, read: PublicToken): Next {
  const token = s.token!;
  const effects: Effect[] = [];
  const { tokenId } = token;
  let { status } = token;
  if (read.status !== status && rank(read.status) >= rank(status) && !isFinalStatus(status)) {
    effects.push([
      'emit',
      SmartpayStatusChangeEvent,
      { tokenId, status: read.status, previousStatus: status, updatedAt: read.updatedAt },
    ]);
    status = read.status;
    s = { ...s, token: { ...token, status } };
  }
  if (status === 'ERROR') {
    const retry = s.flow === 'direct' ? 'card' : 'create';
    return fail(
      s,
      { code: 'provisioning_failed', key: 'errDeclined', retry, retryable: true, tokenId },
      effects,
    );
  }
  // ACTIVE is saved once the card is known; until then, the follower reads on.
  if (status === 'ACTIVE' && read.card) {
    const saved = read as ActivePublicToken;
    return [
      { ...s, phase: 'saved', step: 3, saved, slow: false },
      [...effects, ABORT, ['emit', SmartpayTokenActiveEvent, saved]],
    ];
  }
  const card = status === 'PENDING_PAYMENT_FORM' && s.flow !== 'direct';
  const phase = card ? 'card' : 'provisioning';
  return phase === s.phase
    ? [s, effects]
    : [
        { ...s, phase, step: card ? 1 : 2, loadingForm: card, slow: false },
        [...effects, card ? ['form'] : WAIT],
      ];
}

/** The next state and its effects; `value` is what the event carries, `step` the step of a refusal. */
export function reduce(s: FlowState, [type, value, step]: FlowEvent): Next {
  const { phase, failure, token } = s;
  switch (type) {
    case 'connect': {
      // Settings changed while out of the page count as any change; then, with a token on its way,
      // follow it again and show SmartPay's form again.
      const [next, effects] = reduce(s, ['settings', value]);
      // A new endpoint's config is already asked for.
      const wanted: Effect[] = next.config || next.endpoint !== s.endpoint ? [] : [['config']];
      if (next.token && (next.phase === 'card' || next.phase === 'provisioning'))
        wanted.push(['follow'], next.phase === 'card' ? ['form'] : WAIT);
      return [next, [...effects, ...wanted]];
    }
    case 'disconnect':
      // Everything stops; a create that was under way is dropped, a created token is picked up again.
      return [phase === 'creating' ? { ...s, phase: s.step ? 'card' : 'details', slow: false } : s, [ABORT]];
    case 'settings': {
      const moved = value.endpoint !== s.endpoint;
      if (!moved && value.flow === s.flow) return [s, []];
      // Before the card is in: start over on the new terms.
      let [next, effects]: Next =
        phase === 'creating' || phase === 'card' || (phase === 'error' && failure!.retry !== 'config')
          ? abandon(s)
          : [s, []];
      next = { ...next, ...value };
      if (moved) return [{ ...next, config: undefined }, [...effects, ['config']]];
      if (!next.config || next.phase !== 'details') return [next, effects];
      return checkFlow(next, effects);
    }
    case 'config': {
      let next: FlowState = { ...s, config: value };
      // The config was what failed: the error is over, back on the details (as "Try again" would).
      if (phase === 'error' && failure!.retry === 'config')
        next = { ...next, phase: 'details', step: 0, failure: undefined };
      // After the card is in, a new config changes nothing on the way.
      if (next.phase !== 'details' && next.phase !== 'creating') return [next, []];
      return checkFlow(next, phase === 'creating' ? [['create']] : []);
    }
    case 'configFailed':
      // Only the steps before the card need the config.
      return phase === 'provisioning' || phase === 'saved'
        ? [s, []]
        : fail(s, requestFailure(value, 'config'));
    case 'submit':
      if (phase === 'details' && s.flow === 'direct') return [{ ...s, phase: 'card', step: 1 }, []];
      return phase === 'details' || (phase === 'card' && s.flow === 'direct') ? create(s) : [s, []];
    case 'created': {
      const { createdAt, ...created } = value;
      const { tokenId, status } = created;
      const [next, effects] = advance({ ...s, token: created }, { tokenId, status, updatedAt: createdAt });
      return [
        next,
        [['emit', SmartpayTokenCreatedEvent, { tokenId, status, createdAt }], ['follow'], ...effects],
      ];
    }
    case 'createFailed':
      return fail(s, requestFailure(value, s.flow === 'direct' ? 'card' : 'create'));
    case 'refused':
      return [
        { ...s, phase: step ? 'card' : 'details', step, token: undefined, slow: false },
        [ABORT, ['problems', value]],
      ];
    case 'slow':
      return phase === 'creating' || phase === 'provisioning' ? [{ ...s, slow: true }, []] : [s, []];
    case 'status':
      return value.tokenId === token?.tokenId ? advance(s, value) : [s, []];
    case 'formShown':
      return [{ ...s, loadingForm: false }, []];
    case 'formFailed': {
      const [code, key] = FORM_ERRORS[value] ?? ['payment_form_failed', 'errServer'];
      // Once the card is in, the status tells the outcome: a late complaint from the form is moot.
      return code !== 'sdk_unavailable' && rank(token?.status) > 0
        ? [s, []]
        : fail(s, {
            code,
            key,
            retry: 'create',
            retryable: key !== 'errUnavailable',
            tokenId: token?.tokenId,
          });
    }
    case 'followFailed':
      return fail(s, {
        code: 'status_unavailable',
        key: 'errServer',
        retry: 'create',
        retryable: true,
        tokenId: token?.tokenId,
      });
    case 'locale':
      return phase === 'card' && token ? [s, [['form']]] : [s, []];
    case 'back':
      return phase === 'card' ? abandon(s) : [s, []];
    case 'reset':
      return [{ ...abandon(s)[0], saved: undefined }, s.config ? [ABORT] : [ABORT, ['config']]];
    case 'retry': {
      const retry = failure?.retry;
      if (phase !== 'error') return [s, []];
      if (retry === 'config') return [abandon(s)[0], [ABORT, ['config']]];
      if (retry === 'create') return create({ ...s, step: 0 });
      if (retry === 'card')
        return [{ ...s, phase: 'card', step: 1, token: undefined, failure: undefined }, []];
      return abandon(s);
    }
  }
}
