import { ADDRESS_FIELDS } from './fields/address.js';
import { CARD_DETAILS_FIELDS } from './fields/card-details.js';
import { BUSINESS_CONSUMER_FIELDS, CONSUMER_FIELDS } from './fields/consumer.js';
import { INTEGRATION_FLOWS, TOKEN_REQUEST_FIELDS } from './fields/token-request.js';
import type { BodySpec } from './rules/body-spec.js';
import { bodyAddressIssues, cardDetailsIssues, consumerIssues } from './rules/cross-field.js';
import * as formats from './rules/formats.js';

/** SmartPay's POST /network-tokens body, as the API page describes it. */
export const TOKEN_REQUEST_SPEC = {
  fields: TOKEN_REQUEST_FIELDS,
  sections: {
    consumer: { fields: CONSUMER_FIELDS },
    businessConsumer: { fields: BUSINESS_CONSUMER_FIELDS },
    billingAddress: { fields: ADDRESS_FIELDS, required: true },
    shippingAddress: { fields: ADDRESS_FIELDS },
    cardDetails: { fields: CARD_DETAILS_FIELDS },
  },
  rules: [consumerIssues, cardDetailsIssues, bodyAddressIssues],
  // SmartPay validates with class-validator: "" in an optional field must still match its format.
  blankOptional: 'checked',
} as const satisfies BodySpec;

/**
 * The body the widget sends to the merchant server's POST /api/network-tokens. The server adds
 * accountReferenceId and accountCategory itself, and currencyCode when it is left out.
 */
export const CREATE_TOKEN_BODY_SPEC = {
  fields: {
    integrationFlow: TOKEN_REQUEST_FIELDS.integrationFlow,
    currencyCode: { length: 3, format: formats.currency },
  },
  sections: {
    consumer: { fields: CONSUMER_FIELDS, required: true },
    billingAddress: { fields: ADDRESS_FIELDS, required: true },
    shippingAddress: { fields: ADDRESS_FIELDS },
    cardDetails: { fields: CARD_DETAILS_FIELDS },
  },
  rules: [cardDetailsIssues, bodyAddressIssues],
} as const satisfies BodySpec;

export { INTEGRATION_FLOWS };
