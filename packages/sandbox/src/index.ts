/**
 * @module
 * The SmartPay sandbox: a stateful simulator of SmartPay's Network Token API, its payment-form SDK
 * and hosted card form, the PCI proxy, test cards, fault injection and a control API.
 */

export { type CardOutcome, CHALLENGE_PASS_CODE, TEST_CARDS, type TestCard } from './cards/test-cards.js';
export { basicAuthorization, DEFAULT_MERCHANT, type Merchant, OTHER_MERCHANT } from './merchants.js';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export { DEFAULT_PORT, type RunningSandbox, type StartOptions, startSandbox } from './start.js';
export { SANDBOX_HEADER, SANDBOX_VERSION } from './version.js';
