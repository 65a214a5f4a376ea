/**
 * @module
 * The zod-free half of the contract: every field limit as data, the one function that enforces a
 * limit, the cross-field rules, statuses and protocol constants. Safe for browsers and cheap:
 * the widget imports only this (see the README for its size).
 */
export { COUNTRIES_REQUIRING_STATE, COUNTRY_ALPHA2, COUNTRY_CODES } from './countries.js';
export { ADDRESS_FIELDS } from './fields/address.js';
export { CARD_DETAILS_FIELDS } from './fields/card-details.js';
export { CARD_HOLDER_NAME_RULE } from './fields/card-holder-name.js';
export { BUSINESS_CONSUMER_FIELDS, CONSUMER_FIELDS } from './fields/consumer.js';
export {
  ACCOUNT_CATEGORIES,
  INTEGRATION_FLOWS,
  type IntegrationFlow,
  TOKEN_REQUEST_FIELDS,
} from './fields/token-request.js';
export type { MerchantErrorBody, MerchantErrorCode, MerchantErrorType } from './merchant/errors.js';
export { MERCHANT_ERROR_CODES, MERCHANT_ERROR_TYPES } from './merchant/errors.js';
export { DIRECT_CARD_PATHS, PCI_PROXY_HEADERS } from './merchant/pci-proxy.js';
export {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  MERCHANT_PATHS,
  NETWORK_TOKEN_PATHS,
  SAVED_CARDS_PATHS,
  STATUS_EVENT,
} from './merchant/protocol.js';
export { type BodySpec, checkBody, type SectionSpec } from './rules/body-spec.js';
export { looksLikeCardNumber, passesLuhn } from './rules/card-number.js';
export {
  addressIssues,
  bodyAddressIssues,
  cardDetailsIssues,
  consumerIssues,
} from './rules/cross-field.js';
export {
  type BlankOptional,
  characterCount,
  checkFields,
  checkLeaf,
  type FieldRule,
  type FieldTable,
} from './rules/field-rule.js';
/** Every format as an export of its own (`formats.uuid`): a rule asks for one by referencing it. */
export * as formats from './rules/formats.js';
export {
  EARLIEST_BIRTHDATE,
  type FieldFormat,
  type Format,
  isCalendarDate,
} from './rules/formats.js';
export { type FieldIssue, type IssueCode, issueAt, type LeafIssue, ruleText } from './rules/issues.js';
export { CREATE_TOKEN_BODY_SPEC, TOKEN_REQUEST_SPEC } from './specs.js';
export {
  FINAL_STATUSES,
  isFinalStatus,
  type KnownTokenStatus,
  TOKEN_STATUSES,
  type TokenStatus,
} from './status.js';
