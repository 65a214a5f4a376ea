import * as formats from '../rules/formats.js';

/** The two integration flows of POST /network-tokens. */
export const INTEGRATION_FLOWS = ['payment-form', 'direct'] as const;
export type IntegrationFlow = (typeof INTEGRATION_FLOWS)[number];

/** The only account category the API page allows. */
export const ACCOUNT_CATEGORIES = ['EWalletUser'] as const;

/** The top-level string fields of POST /network-tokens. */
export const TOKEN_REQUEST_FIELDS = {
  integrationFlow: { required: true, max: 20, oneOf: INTEGRATION_FLOWS },
  accountReferenceId: { required: true, max: 36, format: formats.uuid },
  accountCategory: { required: true, max: 30, oneOf: ACCOUNT_CATEGORIES },
  currencyCode: { required: true, length: 3, format: formats.currency },
} as const;
