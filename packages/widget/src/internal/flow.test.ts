import { expect } from '@open-wc/testing';
import type { MerchantConfig } from '@smartpay/contract';
import { SmartpayStatusChangeEvent } from '../events/status-change.js';
import { SmartpayTokenActiveEvent } from '../events/token-active.js';
import { SmartpayTokenCreatedEvent } from '../events/token-created.js';
import { type Effect, type FlowEvent, type FlowState, INITIAL_FLOW, reduce, requestFailure } from './flow.js';

const CONFIG: MerchantConfig = {
  sdkUrl: 'https://sdk.test/sdk.js',
  integrationFlows: ['payment-form', 'direct'],
  currencyCode: 'EUR',
};
const TOKEN = { tokenId: 'tok_1', clientSecret: 's', status: 'PENDING_PAYMENT_FORM' };
const CARD = { brand: 'VISA', last4: '1111', expiryMonth: '12', expiryYear: '2030' };

/** States by name, each built from the initial one. */
const ready: FlowState = { ...INITIAL_FLOW, config: CONFIG };
const direct: FlowState = { ...ready, flow: 'direct' };
const creating: FlowState = { ...ready, phase: 'creating' };
const onForm: FlowState = { ...ready, phase: 'card', step: 1, token: TOKEN, loadingForm: true };
const provisioning: FlowState = {
  ...ready,
  phase: 'provisioning',
  step: 2,
  token: { ...TOKEN, status: 'PROVISIONING' },
};
const failed = (retry: 'config' | 'create' | 'details' | 'card', step: 0 | 1 | 2 = 0): FlowState => ({
  ...ready,
  phase: 'error',
  step,
  failure: { code: 'x', key: 'errServer', retry, retryable: true },
});

const status = (s: string, card?: typeof CARD): FlowEvent => [
  'status',
  { tokenId: 'tok_1', status: s, updatedAt: 't', ...(card ? { card } : {}) },
];
const error = (failure: object): Effect => ['error', failure as never];
const ABORT: Effect = ['abort'];

/**
 * [what happens, state, event, what the next state has, the effects in order].
 * Effects are compared in full; the state only on the fields listed.
 */
const TABLE: [string, FlowState, FlowEvent, Partial<FlowState>, Effect[]][] = [
  // Connecting, settings, config
  [
    'connecting loads the config from the endpoint set',
    INITIAL_FLOW,
    ['connect', { endpoint: 'https://shop.test', flow: 'payment-form' }],
    { endpoint: 'https://shop.test', phase: 'details' },
    [['config']],
  ],
  [
    'a loaded config makes the widget ready for its flow',
    INITIAL_FLOW,
    ['config', CONFIG],
    { config: CONFIG, phase: 'details' },
    [['ready']],
  ],
  [
    'a flow the merchant does not offer is refused, for good',
    { ...INITIAL_FLOW, flow: 'direct' },
    ['config', { ...CONFIG, integrationFlows: ['payment-form'] }],
    { phase: 'error', step: 0 },
    [ABORT, error({ code: 'flow_not_allowed', key: 'errUnavailable', retry: 'details', retryable: false })],
  ],
  [
    'a config that cannot be loaded: config_unavailable, with a Try again that loads it again',
    INITIAL_FLOW,
    ['configFailed', { code: 'internal_error', status: 500 }],
    { phase: 'error' },
    [
      ABORT,
      error({
        code: 'config_unavailable',
        key: 'errServer',
        retry: 'config',
        retryable: true,
        tokenId: undefined,
        requestId: undefined,
        fields: undefined,
      }),
    ],
  ],
  [
    'Try again after a config failure: the details, and the config again',
    failed('config'),
    ['retry'],
    { phase: 'details', failure: undefined },
    [ABORT, ['config']],
  ],
  [
    "a config that arrives after failing on the direct flow's card step: back on the details, step 1 no more",
    { ...failed('config', 1), flow: 'direct', config: undefined },
    ['config', CONFIG],
    { phase: 'details', step: 0, failure: undefined },
    [['ready']],
  ],
  [
    'the same settings again change nothing',
    ready,
    ['settings', { endpoint: '', flow: 'payment-form' }],
    ready,
    [],
  ],
  [
    'a new flow on the details: ready again for it',
    ready,
    ['settings', { endpoint: '', flow: 'direct' }],
    { flow: 'direct', phase: 'details' },
    [['ready']],
  ],
  [
    "a new endpoint on SmartPay's form: the token is abandoned and the new server's config loaded",
    onForm,
    ['settings', { endpoint: 'https://other.test', flow: 'payment-form' }],
    { phase: 'details', step: 0, token: undefined, config: undefined, endpoint: 'https://other.test' },
    [ABORT, ['config']],
  ],
  [
    "a new flow on SmartPay's form: the token is abandoned, ready for the new flow",
    onForm,
    ['settings', { endpoint: '', flow: 'direct' }],
    { phase: 'details', step: 0, token: undefined, flow: 'direct' },
    [['ready'], ABORT],
  ],
  [
    'a new flow once the card is in changes nothing on the way',
    provisioning,
    ['settings', { endpoint: '', flow: 'direct' }],
    { phase: 'provisioning', flow: 'direct' },
    [],
  ],
  // Submitting
  [
    'payment form: the details go on to a new attempt (create, and the clock for "still working")',
    ready,
    ['submit'],
    { phase: 'creating', step: 0 },
    [['create'], ['wait']],
  ],
  [
    'a submit before the config is there waits for it, then creates',
    creating,
    ['config', CONFIG],
    { phase: 'creating' },
    [['ready'], ['create']],
  ],
  [
    'direct: the details go on to the card fields, nothing sent yet',
    direct,
    ['submit'],
    { phase: 'card', step: 1 },
    [],
  ],
  [
    'direct: the card fields go on to a new attempt',
    { ...direct, phase: 'card', step: 1 },
    ['submit'],
    { phase: 'creating', step: 1 },
    [['create'], ['wait']],
  ],
  ['a second submit while creating does nothing', creating, ['submit'], creating, []],
  // Created, and the statuses
  [
    "created pending: token-created, follow it, and show SmartPay's form",
    creating,
    ['created', { ...TOKEN, createdAt: 'c' }],
    { phase: 'card', step: 1, token: TOKEN, loadingForm: true },
    [
      [
        'emit',
        SmartpayTokenCreatedEvent,
        { tokenId: 'tok_1', status: 'PENDING_PAYMENT_FORM', createdAt: 'c' },
      ],
      ['follow'],
      ['form'],
    ],
  ],
  [
    'direct, created ACTIVE: confirming until the card is known (no status change: it was ACTIVE from the start)',
    { ...direct, phase: 'creating', step: 1 },
    ['created', { ...TOKEN, status: 'ACTIVE', createdAt: 'c' }],
    { phase: 'provisioning', step: 2 },
    [
      ['emit', SmartpayTokenCreatedEvent, { tokenId: 'tok_1', status: 'ACTIVE', createdAt: 'c' }],
      ['follow'],
      ['wait'],
    ],
  ],
  [
    'the card accepted: PROVISIONING, a status change, and the clock',
    onForm,
    status('PROVISIONING'),
    { phase: 'provisioning', step: 2 },
    [
      [
        'emit',
        SmartpayStatusChangeEvent,
        {
          tokenId: 'tok_1',
          status: 'PROVISIONING',
          previousStatus: 'PENDING_PAYMENT_FORM',
          updatedAt: 't',
        },
      ],
      ['wait'],
    ],
  ],
  [
    'ACTIVE with the card: saved, token-active, and the attempt ends',
    provisioning,
    status('ACTIVE', CARD),
    { phase: 'saved', step: 3 },
    [
      [
        'emit',
        SmartpayStatusChangeEvent,
        { tokenId: 'tok_1', status: 'ACTIVE', previousStatus: 'PROVISIONING', updatedAt: 't' },
      ],
      ABORT,
      ['emit', SmartpayTokenActiveEvent, { tokenId: 'tok_1', status: 'ACTIVE', updatedAt: 't', card: CARD }],
    ],
  ],
  [
    'ACTIVE without the card yet: the status changes, the page waits for the card',
    provisioning,
    status('ACTIVE'),
    { phase: 'provisioning' },
    [
      [
        'emit',
        SmartpayStatusChangeEvent,
        { tokenId: 'tok_1', status: 'ACTIVE', previousStatus: 'PROVISIONING', updatedAt: 't' },
      ],
    ],
  ],
  [
    'ERROR: provisioning_failed on the Confirming step, Try again makes a fresh token',
    provisioning,
    status('ERROR'),
    { phase: 'error', step: 2 },
    [
      [
        'emit',
        SmartpayStatusChangeEvent,
        { tokenId: 'tok_1', status: 'ERROR', previousStatus: 'PROVISIONING', updatedAt: 't' },
      ],
      ABORT,
      error({
        code: 'provisioning_failed',
        key: 'errDeclined',
        retry: 'create',
        retryable: true,
        tokenId: 'tok_1',
      }),
    ],
  ],
  [
    'a late, older status never undoes a newer one',
    provisioning,
    status('PENDING_PAYMENT_FORM'),
    provisioning,
    [],
  ],
  [
    'a status of another token is ignored',
    onForm,
    ['status', { tokenId: 'tok_9', status: 'ACTIVE', updatedAt: '' }],
    onForm,
    [],
  ],
  // SmartPay's form
  ['the form is there', onForm, ['formShown'], { loadingForm: false }, []],
  [
    "SmartPay's script does not load: sdk_unavailable on the Card step",
    onForm,
    ['formFailed', 'sdk_unavailable'],
    { phase: 'error', step: 1 },
    [
      ABORT,
      error({ code: 'sdk_unavailable', key: 'errSdk', retry: 'create', retryable: true, tokenId: 'tok_1' }),
    ],
  ],
  [
    'the form refuses its options: the setup is at fault, no Try again',
    onForm,
    ['formFailed', 'ERROR_INVALID_INPUT'],
    { phase: 'error' },
    [
      ABORT,
      error({
        code: 'payment_form_failed',
        key: 'errUnavailable',
        retry: 'create',
        retryable: false,
        tokenId: 'tok_1',
      }),
    ],
  ],
  [
    'a form complaint after the card is in is moot: the status decides',
    provisioning,
    ['formFailed', 'ERR_CONFIG'],
    provisioning,
    [],
  ],
  ['a new locale renders the form again', onForm, ['locale'], onForm, [['form']]],
  [
    'Back from the form: the details, the token abandoned',
    onForm,
    ['back'],
    { phase: 'details', step: 0, token: undefined },
    [ABORT],
  ],
  // Failures of the create
  [
    'a create that failed: the error keeps the step it happened on, Try again makes a fresh token',
    creating,
    ['createFailed', { code: 'network_error', status: 0 }],
    { phase: 'error', step: 0 },
    [
      ABORT,
      error({
        code: 'network_error',
        key: 'errNetwork',
        retry: 'create',
        retryable: true,
        tokenId: undefined,
        requestId: undefined,
        fields: undefined,
      }),
    ],
  ],
  [
    'Try again after a failed create: a new attempt from the details',
    failed('create', 2),
    ['retry'],
    { phase: 'creating', step: 0, failure: undefined },
    [['create'], ['wait']],
  ],
  [
    'direct: a failed create goes back to the card fields on Try again',
    failed('card', 1),
    ['retry'],
    { phase: 'card', step: 1, failure: undefined },
    [],
  ],
  [
    'values the shopper can correct go back to their step, on their fields, without an error',
    { ...direct, phase: 'creating', step: 1 },
    ['refused', { 'card.expiry': { key: 'errInvalid' } }, 1],
    { phase: 'card', step: 1 },
    [ABORT, ['problems', { 'card.expiry': { key: 'errInvalid' } }]],
  ],
  ['a long create says so', creating, ['slow'], { slow: true }, []],
  ['a long wait elsewhere changes nothing', onForm, ['slow'], onForm, []],
  [
    'the status cannot be read any more: status_unavailable, Try again makes a fresh token',
    provisioning,
    ['followFailed'],
    { phase: 'error', step: 2 },
    [
      ABORT,
      error({
        code: 'status_unavailable',
        key: 'errServer',
        retry: 'create',
        retryable: true,
        tokenId: 'tok_1',
      }),
    ],
  ],
  // Leaving and coming back
  [
    'removed while creating: the create is dropped, the details stay',
    creating,
    ['disconnect'],
    { phase: 'details' },
    [ABORT],
  ],
  [
    "back in the page on SmartPay's form: follow the token again and show the form again",
    onForm,
    ['connect', { endpoint: '', flow: 'payment-form' }],
    { phase: 'card' },
    [['follow'], ['form']],
  ],
  [
    'back in the page while confirming: follow the token again',
    provisioning,
    ['connect', { endpoint: '', flow: 'payment-form' }],
    { phase: 'provisioning' },
    [['follow'], ['wait']],
  ],
  [
    'back in the page with another endpoint set while away: its config, and the form started over',
    onForm,
    ['connect', { endpoint: 'https://other.test', flow: 'payment-form' }],
    { phase: 'details', step: 0, token: undefined, config: undefined, endpoint: 'https://other.test' },
    [ABORT, ['config']],
  ],
  [
    'back in the page with the direct flow set while away: the flow is checked against the config',
    ready,
    ['connect', { endpoint: '', flow: 'direct' }],
    { phase: 'details', flow: 'direct' },
    [['ready']],
  ],
  [
    'reset: the details, the attempt ended, the config kept',
    provisioning,
    ['reset'],
    { phase: 'details', step: 0, token: undefined, config: CONFIG },
    [ABORT],
  ],
];

describe('the flow (reducer)', () => {
  for (const [what, state, event, expected, effects] of TABLE) {
    it(what, () => {
      const [next, actual] = reduce(state, event);
      for (const [key, value] of Object.entries(expected))
        expect(next[key as keyof FlowState], key).to.deep.equal(value);
      expect(actual).to.deep.equal(effects);
    });
  }

  it('never changes the state it is given', () => {
    for (const [, state, event] of TABLE) {
      const copy = structuredClone(state);
      reduce(state, event);
      expect(state).to.deep.equal(copy);
    }
  });
});

describe('a failed request, as the shopper and the page see it', () => {
  const cases: [string, number, string, string, boolean][] = [
    // code, status, the code reported, the message key, retryable
    ['network_error', 0, 'network_error', 'errNetwork', true],
    ['origin_not_allowed', 0, 'origin_not_allowed', 'errUnavailable', false],
    ['timeout', 0, 'timeout', 'errServer', true],
    ['provider_unavailable', 503, 'provider_unavailable', 'errServer', true],
    ['rate_limited', 429, 'rate_limited', 'errServer', true],
    ['idempotency_in_progress', 409, 'idempotency_in_progress', 'errServer', true],
    ['validation_failed', 400, 'validation_failed', 'errUnavailable', false],
    ['card_rejected', 400, 'card_rejected', 'errUnavailable', false],
    ['provider_misconfigured', 502, 'provider_misconfigured', 'errUnavailable', false],
  ];
  for (const [code, status, reported, key, retryable] of cases) {
    it(`${code} (${status})`, () => {
      expect(requestFailure({ code, status }, 'create')).to.include({ code: reported, key, retryable });
    });
  }

  it('a config that fails on the server is config_unavailable; no connection stays network_error', () => {
    expect(requestFailure({ code: 'internal_error', status: 500 }, 'config').code).to.equal(
      'config_unavailable',
    );
    expect(requestFailure({ code: 'network_error', status: 0 }, 'config').code).to.equal('network_error');
    expect(requestFailure({ code: 'origin_not_allowed', status: 0 }, 'config').code).to.equal(
      'origin_not_allowed',
    );
  });
});
